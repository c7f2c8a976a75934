// The real engine on the file backend: an inline program with a dynamic resource goes up, exposes
// an output, refreshes (seeing drift made outside Pulumi) and is destroyed.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv, localPulumiEngine } from "../../scripts/env/index.ts";
import { type PulumiEngineConfig, workspaceOptions } from "./engine.ts";
import { NoteFile } from "./testdata/note-file.ts";

let engine: PulumiEngineConfig;
beforeAll(async () => {
  engine = localPulumiEngine(await loadLocalEnv());
});

describe("Pulumi Automation API on the file backend", () => {
  it("runs an inline program with a dynamic resource: up, output, refresh, destroy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wspec-engine-"));
    const path = join(dir, "note.txt");
    const stackName = `engine-${randomUUID().slice(0, 8)}`;
    const stack = await LocalWorkspace.createOrSelectStack(
      {
        stackName,
        projectName: "wspec-test-engine",
        program: async () => {
          const note = new NoteFile("note", { path, text: "first" });
          return { digest: note.digest };
        },
      },
      await workspaceOptions(engine, { name: "wspec-test-engine" }),
    );

    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges?.create).toBe(2); // the stack and the note
    expect(readFileSync(path, "utf8")).toBe("first");
    const digest = up.outputs.digest?.value as string;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);

    writeFileSync(path, "changed outside Pulumi");
    const refresh = await stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    const state = await stack.exportStack();
    const saved = state.deployment.resources.find(
      (r: { type: string }) => r.type === "pulumi-nodejs:dynamic:Resource",
    );
    expect(saved.outputs.text).toBe("changed outside Pulumi");
    expect(saved.outputs.digest).not.toBe(digest);

    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(existsSync(path)).toBe(false);
    await stack.workspace.removeStack(stackName);
    await expect(stack.workspace.listStacks()).resolves.not.toContainEqual(
      expect.objectContaining({ name: stackName }),
    );
  });
});
