// Tools only some tests need, installed when such a test first runs (so `npm start` and a plain
// set-up stay fast) and then started by the environment like every other service.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { envScript } from "./env-script.ts";
import { loadLocalEnv, repoRoot } from "./local-env.ts";

export interface Mailpit {
  smtpHost: string;
  smtpPort: number;
  /** Base URL of Mailpit's HTTP API (messages at /api/v1/messages). */
  api: string;
}

function setup(tool: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [join(repoRoot, "scripts/setup.sh"), tool], {
      cwd: repoRoot,
      stdio: ["ignore", "inherit", "pipe"],
    });
    let tail = "";
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`scripts/setup.sh ${tool} failed (exit ${code}):\n${tail}`)),
    );
  });
}

async function answers(api: string): Promise<boolean> {
  return fetch(`${api}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
}

/**
 * Mailpit of the local environment: builds it on first use (`scripts/setup.sh mailpit`, cached by
 * version), then brings the environment up (idempotent: what runs is reused), which starts it.
 */
export async function ensureMailpit(): Promise<Mailpit> {
  const current = (await loadLocalEnv()).mailpit;
  if (current?.installed && (await answers(current.api))) return current;
  await setup("mailpit");
  await envScript("up", { quiet: true });
  const started = (await loadLocalEnv()).mailpit;
  if (!started?.installed || !(await answers(started.api))) {
    throw new Error(
      "Mailpit is not answering after set-up and 'npm run env -- up'; see .wspec/logs/mailpit.log",
    );
  }
  return started;
}
