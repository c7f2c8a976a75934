// How long the engine operations the operator relies on take on this machine, against the cost
// of merely starting the CLI (`pulumi version`), measured in the same run. Prints a table; asserts
// nothing. Usage: npm run bench -- [rounds]   (needs `npm run env -- up`)
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { engineEnvVars, workspaceOptions } from "../operator/pulumi/engine.ts";
import { NoteFile } from "../operator/pulumi/testdata/note-file.ts";
import { loadLocalEnv, localPulumiEngine } from "../scripts/env/index.ts";

const rounds = Number(process.argv[2] ?? 5);
const engine = localPulumiEngine(await loadLocalEnv());
const samples = new Map<string, number[]>();
async function time(name: string, fn: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await fn();
  const list = samples.get(name) ?? [];
  list.push(performance.now() - start);
  samples.set(name, list);
}

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "wspec-bench-"));
for (let i = 0; i < rounds; i++) {
  await time("pulumi version (baseline)", () =>
    run(engine.bin, ["version"], { env: { ...process.env, ...engineEnvVars(engine) } }),
  );
  const stackName = `bench-${randomUUID().slice(0, 8)}`;
  const program = async () => {
    new NoteFile("note", { path: join(dir, `${stackName}.txt`), text: "bench" });
  };
  const opts = await workspaceOptions(engine, { name: "wspec-bench" });
  let stack = await LocalWorkspace.createOrSelectStack(
    { stackName, projectName: "wspec-bench", program },
    opts,
  );
  await time("create stack", async () => {
    await stack.workspace.removeStack(stackName);
    stack = await LocalWorkspace.createStack({ stackName, projectName: "wspec-bench", program }, opts);
  });
  await time("up (1 dynamic resource)", () => stack.up());
  await time("up, no changes", () => stack.up());
  await time("preview", () => stack.preview());
  await time("refresh", () => stack.refresh());
  await time("preview refresh (drift check)", () => stack.previewRefresh());
  await time("destroy", () => stack.destroy());
  await stack.workspace.removeStack(stackName);
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;
const baseline = pct(samples.get("pulumi version (baseline)") ?? [], 50);
const rows = [...samples].map(([name, xs]) => ({
  operation: name,
  "median ms": Math.round(pct(xs, 50)),
  "p90 ms": Math.round(pct(xs, 90)),
  "× baseline": (pct(xs, 50) / baseline).toFixed(1),
}));
console.log(`Pulumi engine operations, ${rounds} rounds, file backend, ${engine.bin}`);
console.table(rows);
