import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPolicyPack } from "./launcher.ts";

describe("buildPolicyPack", () => {
  it("bundles the pack, writes its config and an executable launcher for run-policy-pack", async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), "wspec-pack-")), "it's quoted");
    const launcher = await buildPolicyPack({
      entry: join(import.meta.dirname, "testdata/forbidden-label-pack.ts"),
      outDir,
      config: { forbidden: "red" },
    });
    expect(launcher).toBe(join(outDir, "pack"));
    expect(statSync(launcher).mode & 0o111).toBe(0o111);
    expect(JSON.parse(readFileSync(join(outDir, "config.json"), "utf8"))).toEqual({ forbidden: "red" });
    // The pack writes its compile cache once loaded: the engine kills it rather than letting it exit.
    expect(readFileSync(launcher, "utf8")).toContain('--require "$here/flush-compile-cache.cjs"');
    expect(readFileSync(join(outDir, "flush-compile-cache.cjs"), "utf8")).toContain("flushCompileCache()");
    // The SDKs stay external so the pack shares run-policy-pack's copy of @pulumi/pulumi.
    const bundle = readFileSync(join(outDir, "index.cjs"), "utf8");
    expect(bundle).toContain('require("@pulumi/policy")');
    expect(bundle).not.toContain("class PolicyPack");
    // Without an engine address run-policy-pack prints its usage: the launcher reached it, and
    // the path with a quote in it survived the shell.
    const r = spawnSync(launcher, [], { encoding: "utf8" });
    expect(r.stderr).toContain("usage: RUN <engine-address> <program>");
  });
});
