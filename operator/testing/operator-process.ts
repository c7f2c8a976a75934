// Runs the real operator (`node operator/main.ts`) as a child process for integration tests, so a
// test can read its metrics, kill it with SIGKILL and start another.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { processesWithEnv, repoRoot } from "../../scripts/env/index.ts";

export interface OperatorProcess {
  readonly pid: number;
  readonly port: number;
  readonly logFile: string;
  /** Prometheus text from /metrics. */
  metrics(): Promise<string>;
  /** One sample's value (0 when absent), e.g. metric("wspec_pulumi_operations_total", {operation: "up"}). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /**
   * SIGKILL to the whole process group (the operator, its Pulumi CLIs and providers), as when a
   * pod is OOM-killed or its node dies: nothing gets to clean up.
   */
  crash(): Promise<void>;
  readonly exited: Promise<number | null>;
  /** True once the process has exited. */
  readonly killed: boolean;
}

export interface OperatorProcessOptions {
  /** Only Tenants carrying this label selector are reconciled (tests share one cluster). */
  readonly tenantSelector: string;
  readonly pulumiProject: string;
  readonly logDir: string;
  readonly name: string;
  readonly env?: Record<string, string>;
}

export async function startOperator(opts: OperatorProcessOptions): Promise<OperatorProcess> {
  const logFile = join(opts.logDir, `${opts.name}.log`);
  // Inherited by everything the operator starts, so crash() can find what left its process group.
  const marker = `${opts.name}-${randomUUID()}`;
  const out = createWriteStream(logFile, { flags: "a" });
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, "operator/main.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      WSPEC_TENANT_SELECTOR: opts.tenantSelector,
      WSPEC_PULUMI_PROJECT: opts.pulumiProject,
      WSPEC_TEST_OPERATOR: marker,
      WSPEC_HTTP_PORT: "0",
      WSPEC_LEASE_NAME: `wspec-operator-${opts.pulumiProject}`,
      WSPEC_LEASE_SECONDS: "4",
      WSPEC_DRIFT_CHECK_SECONDS: "3600",
      WSPEC_RESYNC_SECONDS: "600",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so crash() can take down everything it started, like a pod kill.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(
      () => reject(new Error(`operator ${opts.name} did not start within 30 s; see ${logFile}`)),
      30_000,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      out.write(chunk);
      buffered += chunk.toString();
      const m = /"port":(\d+)[^\n]*"msg":"operator started"/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
        buffered = "";
      } else if (buffered.length > 100_000) buffered = buffered.slice(-10_000);
    });
    child.stderr?.on("data", (chunk: Buffer) => out.write(chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`operator ${opts.name} exited (${code}) before starting; see ${logFile}`));
    });
  });
  const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return {
    pid: child.pid ?? 0,
    port,
    logFile,
    exited,
    metrics,
    async metric(name, labels = {}) {
      const text = await metrics();
      let total = 0;
      for (const line of text.split("\n")) {
        if (!line.startsWith(name)) continue;
        const m = /^([a-z_]+)(\{([^}]*)\})? (\S+)$/.exec(line);
        if (!m || m[1] !== name) continue;
        const have = Object.fromEntries(
          (m[3] ?? "")
            .split(",")
            .filter(Boolean)
            .map((kv) => {
              const [k, v] = kv.split("=");
              return [k, v?.replace(/^"|"$/g, "")];
            }),
        );
        if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[4]);
      }
      return total;
    },
    get killed() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    async crash() {
      try {
        process.kill(-(child.pid ?? 0), "SIGKILL");
      } catch {}
      await exited;
      // Pulumi starts policy packs in process groups of their own; a pod kill takes them too.
      for (const pid of processesWithEnv("WSPEC_TEST_OPERATOR", marker)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {} // exited meanwhile
      }
      out.end();
    },
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      out.end();
    },
  };
}
