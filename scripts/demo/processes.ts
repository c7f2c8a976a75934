// The demo's child processes (operator, runtime, worker): each in its own process group with its
// output appended to a JSON log under .wspec/logs, all stopped together on exit, Ctrl-C or an
// error, so nothing the demo started outlives it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { processesWithEnv, repoRoot } from "../env/index.ts";

/** Set in the environment of everything the demo starts, which their own children inherit. */
export const SESSION_VAR = "WSPEC_DEMO_SESSION";

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly exited: Promise<number | null>;
}

/** How long a child may take to shut down gracefully before its whole group is killed. */
const GRACE_MS = 30_000;

export class Processes {
  private readonly children: { child: Child; proc: ChildProcess }[] = [];
  private stopping = false;
  private readonly session = randomUUID();

  private readonly logsDir: string;
  /** Called when a child exits by itself (not because we stopped it). */
  private readonly onUnexpectedExit: (child: Child, code: number | null) => void;

  constructor(logsDir: string, onUnexpectedExit: (child: Child, code: number | null) => void) {
    this.logsDir = logsDir;
    this.onUnexpectedExit = onUnexpectedExit;
  }

  /** `node <script>` from the repository root with `env` on top of this process's environment. */
  start(name: string, script: string, env: Record<string, string>): Child {
    const logFile = join(this.logsDir, `${name}.log`);
    // Its own process group: Ctrl-C reaches only the demo, which then stops the children in order,
    // and a group kill also takes whatever a child started (the operator's Pulumi CLIs).
    const proc = spawn(process.execPath, [join(repoRoot, script)], {
      cwd: repoRoot,
      env: { ...process.env, ...env, [SESSION_VAR]: this.session },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    if (proc.pid === undefined) throw new Error(`${name} did not start (node ${script})`);
    const log = createWriteStream(logFile, { flags: "a" });
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
    const child: Child = { name, pid: proc.pid, logFile, exited };
    void exited.then((code) => {
      if (!this.stopping) this.onUnexpectedExit(child, code);
    });
    this.children.push({ child, proc });
    return child;
  }

  /** SIGTERM to every child (newest first, so the runtime stops before the operator), then wait. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const { child, proc } of [...this.children].reverse()) {
      if (proc.exitCode === null && proc.signalCode === null) signalGroup(child.pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), GRACE_MS);
      await child.exited;
      clearTimeout(timer);
      // Anything the child left in its group (a provider it did not reap) goes with it.
      signalGroup(child.pid, "SIGKILL");
    }
    // Helpers that left the children's process groups (Pulumi's policy-pack hosts start their own
    // session) still carry the session in their environment.
    for (const pid of processesWithEnv(SESSION_VAR, this.session)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {} // gone meanwhile
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {} // the group is already gone
}
