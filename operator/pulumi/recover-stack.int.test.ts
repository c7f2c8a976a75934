// A stack whose update was SIGKILLed is recovered: lock cleared, pending operations resolved, and
// the next up succeeds.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConcurrentUpdateError, LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv, localPulumiEngine } from "../../scripts/env/index.ts";
import { type PulumiEngineConfig, workspaceOptions } from "./engine.ts";
import { recoverStack } from "./recover-stack.ts";
import { NoteFile } from "./testdata/note-file.ts";

let engine: PulumiEngineConfig;
const orphans: number[] = [];
beforeAll(async () => {
  engine = localPulumiEngine(await loadLocalEnv());
});
afterAll(() => {
  for (const pid of orphans) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
});

async function waitFor(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file) || readFileSync(file, "utf8") === "") {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("recoverStack", () => {
  it("recovers a stack whose update was killed with SIGKILL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wspec-recover-"));
    const path = join(dir, "note.txt");
    const started = join(dir, "started");
    const stackName = `recover-${randomUUID().slice(0, 8)}`;

    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, "testdata/interrupted-up.ts"), stackName, path, started],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on("exit", (_code, signal) => r(signal)));
    await waitFor(started, 90_000);
    const provider = Number(readFileSync(started, "utf8"));
    orphans.push(provider);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // The dynamic provider runs in its own process group and outlives the engine: stop it so it
    // cannot finish its create behind our back.
    process.kill(provider, "SIGKILL");

    const stack = await LocalWorkspace.selectStack(
      {
        stackName,
        projectName: "wspec-test-recover",
        program: async () => {
          new NoteFile("slow", { path, text: "fast" });
        },
      },
      await workspaceOptions(engine, { name: "wspec-test-recover" }),
    );
    // Without recovery the dead update's lock refuses the next one.
    await expect(stack.up()).rejects.toBeInstanceOf(ConcurrentUpdateError);

    const locks = join(
      new URL(engine.backendUrl).pathname,
      ".pulumi/locks/organization/wspec-test-recover",
      stackName,
    );
    expect(readdirSync(locks).length).toBeGreaterThan(0);

    const recovery = await recoverStack(stack);
    expect(readdirSync(locks)).toHaveLength(0);
    expect(recovery.pendingOperations).toEqual([
      expect.objectContaining({ type: "creating", urn: expect.stringContaining("::slow") }),
    ]);
    const state = await stack.exportStack();
    expect(state.deployment.pending_operations ?? []).toEqual([]);

    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(readFileSync(path, "utf8")).toBe("fast");

    // A second recovery finds nothing to do.
    await expect(recoverStack(stack)).resolves.toEqual({ pendingOperations: [] });
    await stack.destroy();
    await stack.workspace.removeStack(stackName);
  });
});
