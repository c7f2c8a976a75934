// Many operations of one project at once, through TenantStacks as the operator runs them: no
// operation may see another's half-written workspace file (Pulumi.yaml, stack settings, the CLI's
// workspace state). Twenty stacks go up at the same time, then are destroyed at the same time.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv, localPulumiEngine } from "../../scripts/env/index.ts";
import { type PulumiEngineConfig, workDirOf } from "../pulumi/engine.ts";
import { NoteFile } from "../pulumi/testdata/note-file.ts";
import { createMetrics } from "./metrics.ts";
import { TenantStacks } from "./tenant-stacks.ts";

const OPERATIONS = 20;
let engine: PulumiEngineConfig;
beforeAll(async () => {
  engine = localPulumiEngine(await loadLocalEnv());
});

describe("TenantStacks under concurrent operations", () => {
  it(`runs ${OPERATIONS} stacks' ups and destroys of one project at once without a workspace race`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "wspec-stress-"));
    const run = randomUUID().slice(0, 8);
    const metrics = createMetrics();
    const project = `wspec-test-stress-${run}`;
    const stacks = new TenantStacks({
      engine,
      project,
      metrics,
      maxConcurrentOperations: OPERATIONS,
      foreignLockStaleAfterMs: 60_000,
    });
    const ctx = { log: pino({ level: "silent" }), signal: new AbortController().signal };
    const names = Array.from({ length: OPERATIONS }, (_, i) => `stress-${run}-${i}`);
    const program = (name: string) => async () => {
      const note = new NoteFile("note", { path: join(dir, `${name}.txt`), text: name });
      return { digest: note.digest };
    };

    // Staggered, and each stack updated twice, so that workspaces are being set up while other
    // operations' CLIs are reading theirs (which is when a shared, rewritten project file broke).
    const ups = await Promise.allSettled(
      names.map(async (n, i) => {
        await new Promise((r) => setTimeout(r, i * 500));
        await stacks.up(n, program(n), ctx, { policyPacks: [] });
        return stacks.up(n, program(n), ctx, { policyPacks: [] });
      }),
    );
    const failedUps = ups.flatMap((r, i) =>
      r.status === "rejected" ? [`${names[i]}: ${String(r.reason)}`] : [],
    );
    expect(failedUps).toEqual([]);
    for (const n of names) expect(readFileSync(join(dir, `${n}.txt`), "utf8")).toBe(n);

    const destroys = await Promise.allSettled(
      names.map(async (n, i) => {
        await new Promise((r) => setTimeout(r, i * 250));
        return stacks.destroy(n, program(n), ctx);
      }),
    );
    const failedDestroys = destroys.flatMap((r, i) =>
      r.status === "rejected" ? [`${names[i]}: ${String(r.reason)}`] : [],
    );
    expect(failedDestroys).toEqual([]);
    for (const n of names) expect(existsSync(join(dir, `${n}.txt`))).toBe(false);
    const failures = (await metrics.registry.getSingleMetricAsString("wspec_pulumi_operations_total"))
      .split("\n")
      .filter((l) => /result="failure"/.test(l) && !/ 0$/.test(l));
    expect(failures).toEqual([]);
    // Each stack's own working directory goes with it.
    expect(readdirSync(join(workDirOf(engine, project), "stacks"))).toEqual([]);
    rmSync(workDirOf(engine, project), { recursive: true, force: true });
  }, 400_000);
});
