// Runs scripts/env.sh from TypeScript (vitest global setup, the demo), streaming its progress.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./local-env.ts";

export type EnvCommand = "up" | "down" | "status";

/** Resolves with the exit code; `up` and `down` reject on failure with the script's last words. */
export function envScript(command: EnvCommand, opts: { quiet?: boolean } = {}): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", [join(repoRoot, "scripts/env.sh"), command], {
      cwd: repoRoot,
      stdio: ["ignore", opts.quiet ? "ignore" : "inherit", "pipe"],
    });
    let tail = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (!opts.quiet) process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && command !== "status") {
        reject(new Error(`scripts/env.sh ${command} failed (exit ${code}):\n${tail}`));
      } else {
        resolvePromise(code ?? 1);
      }
    });
  });
}
