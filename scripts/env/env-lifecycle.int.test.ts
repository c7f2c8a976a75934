// `env up` is idempotent and `env down` leaves no process, twice in a row. Runs a second, private
// environment (its own state dir, ports and data) beside the one the other tests use.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalEnvSchema, repoRoot } from "./local-env.ts";
import { processesMentioning, processRunning } from "./processes.ts";

const stateDir = mkdtempSync(join(tmpdir(), "wspec-lifecycle-"));
const env = (command: string) =>
  spawnSync("bash", [join(repoRoot, "scripts/env.sh"), command], {
    encoding: "utf8",
    env: { ...process.env, WSPEC_STATE_DIR: stateDir },
    timeout: 120_000,
  });

const pids = () =>
  readdirSync(join(stateDir, "run"))
    .filter((f) => f.endsWith(".pid"))
    .map((f) => readFileSync(join(stateDir, "run", f), "utf8").trim())
    .sort();

afterAll(() => {
  env("clean");
  rmSync(stateDir, { recursive: true, force: true });
});

describe("scripts/env.sh lifecycle", () => {
  it("up, up again (no restart), down, up, down: healthy each time, nothing left behind", () => {
    for (const round of [1, 2]) {
      const up = env("up");
      expect(up.status, `round ${round} up:\n${up.stderr}`).toBe(0);
      const written = LocalEnvSchema.parse(JSON.parse(readFileSync(join(stateDir, "env.json"), "utf8")));
      expect(written.stateDir).toBe(stateDir);
      const before = pids();

      const again = env("up");
      expect(again.status, again.stderr).toBe(0);
      expect(pids()).toEqual(before); // idempotent: nothing was restarted

      const status = env("status");
      expect(status.status, status.stdout).toBe(0);
      const servicePids: string[] = [];
      for (const svc of [
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "postgres",
        "redis",
        "s3",
        "azure-blob",
        "gcs",
        "clamd",
      ]) {
        const row = new RegExp(`^${svc}\\s+(\\d+)\\s+\\S+\\s+healthy$`, "m").exec(status.stdout);
        expect(row, `${svc} in\n${status.stdout}`).not.toBeNull();
        servicePids.push(row?.[1] ?? "");
      }

      const down = env("down");
      expect(down.status, down.stderr).toBe(0);
      expect(existsSync(join(stateDir, "env.json"))).toBe(false);
      expect(processesMentioning(stateDir)).toEqual([]);
      expect(servicePids.filter(processRunning)).toEqual([]);
      expect(env("status").status).not.toBe(0);
    }
  });
});
