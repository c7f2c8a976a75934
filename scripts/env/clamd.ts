// A private clamd for tests that stop and start their scanner or need a small StreamMaxLength,
// beside the environment's shared one (which other tests use at the same time). Same binary,
// database and configuration writer as `npm run env -- up` (scripts/clamav/clamav.sh).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./local-env.ts";

const script = join(repoRoot, "scripts/clamav/clamav.sh");

export interface PrivateClamd {
  /** `tcp://127.0.0.1:<port>`: the same address across stop() and start(). */
  address: string;
  port: number;
  /** Starts clamd (again) and resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops clamd (SIGTERM, then SIGKILL) and resolves once it has exited. */
  stop(): Promise<void>;
  /** stop(), then removes its configuration and log. */
  close(): Promise<void>;
  /** What clamd printed (its log). */
  log(): string;
}

export async function startPrivateClamd(opts: { streamMaxLength?: string } = {}): Promise<PrivateClamd> {
  const dir = mkdtempSync(join(tmpdir(), "wspec-clamd-"));
  const port = await freePort();
  const conf = join(dir, "clamd.conf");
  execFileSync("bash", [script, "conf", conf, String(port), opts.streamMaxLength ?? "25M"], {
    stdio: "pipe",
  });
  const bin = execFileSync("bash", [script, "bin"], { encoding: "utf8" }).trim();
  let child: ChildProcess | undefined;
  let output = "";
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const killer = setTimeout(() => running.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(killer);
  };
  const clamd: PrivateClamd = {
    address: `tcp://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      const started = spawn(bin, ["-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
      child = started;
      // A test that dies without close() must not leave its clamd running.
      const orphanGuard = () => started.kill("SIGKILL");
      process.once("exit", orphanGuard);
      started.once("exit", () => process.off("exit", orphanGuard));
      started.stdout?.on("data", (b: Buffer) => (output += b.toString()));
      started.stderr?.on("data", (b: Buffer) => (output += b.toString()));
      for (let i = 0; i < 300; i++) {
        if (started.exitCode !== null) throw new Error(`clamd exited during start:\n${output.slice(-2000)}`);
        if (await answersPing(port)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      await stop();
      throw new Error(`clamd did not answer PING within 30 s:\n${output.slice(-2000)}`);
    },
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => output,
  };
  await clamd.start();
  return clamd;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    let reply = "";
    s.setTimeout(1000, () => s.destroy());
    s.on("connect", () => s.write("zPING\0"));
    s.on("data", (b) => {
      reply += b.toString();
      if (reply.includes("\0")) s.end();
    });
    s.on("error", () => {});
    s.on("close", () => resolve(reply.startsWith("PONG")));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}
