// Many operations of one project at once, through TenantStacks as the operator runs them: no
// operation may see another's half-written workspace file (Pulumi.yaml, stack settings, the CLI's
// workspace state). Twenty stacks go up at the same time, then are destroyed at the same time.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPolicyPack } from "../../policies/launcher.ts";
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

describe("TenantStacks previews", () => {
  it("previews an update with its packs once per inputs: a retry with the same inputs goes straight to the update", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wspec-preview-"));
    const run = randomUUID().slice(0, 8);
    const metrics = createMetrics();
    const project = `wspec-test-preview-${run}`;
    const stacks = new TenantStacks({ engine, project, metrics, foreignLockStaleAfterMs: 60_000 });
    const pack = await buildPolicyPack({
      entry: join(import.meta.dirname, "../../policies/testdata/forbidden-label-pack.ts"),
      outDir: join(dir, "pack"),
      config: { forbidden: "red" },
    });
    const ctx = { log: pino({ level: "silent" }), signal: new AbortController().signal };
    const name = `preview-${run}`;
    const program = (label: string) => async () => {
      new NoteFile("note", { path: join(dir, "note.txt"), text: label, label });
    };
    const previews = async () =>
      (await metrics.pulumiOperations.get()).values
        .filter((v) => v.labels.operation === "preview")
        .reduce((n, v) => n + v.value, 0);

    await stacks.up(name, program("green"), ctx, { policyPacks: [pack], inputsHash: "h1" });
    await stacks.up(name, program("green"), ctx, { policyPacks: [pack], inputsHash: "h1" });
    expect(await previews()).toBe(1);
    // New inputs: previewed again, and a violation there still stops the update before any change.
    await expect(
      stacks.up(name, program("red"), ctx, { policyPacks: [pack], inputsHash: "h2" }),
    ).rejects.toThrow(/forbidden/);
    expect(await previews()).toBe(2);
    expect(readFileSync(join(dir, "note.txt"), "utf8")).toBe("green");
    // Without an inputs hash nothing is remembered.
    await stacks.up(name, program("blue"), ctx, { policyPacks: [pack] });
    await stacks.up(name, program("blue"), ctx, { policyPacks: [pack] });
    expect(await previews()).toBe(4);
    await stacks.destroy(name, program("blue"), ctx);
    rmSync(workDirOf(engine, project), { recursive: true, force: true });
    stacks.close();
  }, 300_000);
});
