// A policy pack built by buildPolicyPack runs through its executable launcher in a real `up`:
// a compliant program passes, a violating one is stopped before any change.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { type PulumiEngineConfig, workspaceOptions } from "../operator/pulumi/engine.ts";
import { NoteFile } from "../operator/pulumi/testdata/note-file.ts";
import { loadLocalEnv, localPulumiEngine } from "../scripts/env/index.ts";
import { buildPolicyPack } from "./launcher.ts";

let engine: PulumiEngineConfig;
let pack: string;
beforeAll(async () => {
  const env = await loadLocalEnv();
  engine = localPulumiEngine(env);
  pack = await buildPolicyPack({
    entry: join(import.meta.dirname, "testdata/forbidden-label-pack.ts"),
    outDir: join(env.stateDir, "policy-packs", `test-${randomUUID().slice(0, 8)}`),
    config: { forbidden: "red" },
  });
});

describe("policy pack launcher", () => {
  it("lets a compliant up through and stops a violating one before any change", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wspec-policy-"));
    const path = join(dir, "note.txt");
    let label = "green";
    const stackName = `policy-${randomUUID().slice(0, 8)}`;
    const stack = await LocalWorkspace.createOrSelectStack(
      {
        stackName,
        projectName: "wspec-test-policy",
        program: async () => {
          new NoteFile("labelled", { path, text: `label ${label}`, label });
        },
      },
      await workspaceOptions(engine, { name: "wspec-test-policy" }),
    );

    const ok = await stack.up({ policyPacks: [pack] });
    expect(ok.summary.result).toBe("succeeded");
    expect(readFileSync(path, "utf8")).toBe("label green");

    label = "red";
    const refused = stack.up({ policyPacks: [pack] });
    await expect(refused).rejects.toThrow(/forbidden-label/);
    await expect(refused).rejects.toThrow(/mandatory/);
    await expect(refused).rejects.toThrow(/labelled: label "red" is forbidden; use any label but "red"/);
    // Nothing changed: the file still holds the compliant text.
    expect(readFileSync(path, "utf8")).toBe("label green");

    await stack.destroy();
    expect(existsSync(path)).toBe(false);
    await stack.workspace.removeStack(stackName);
  });
});
