import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseComplianceProfileSpec, parseTenantSpec, withTierDefaults } from "../../crds/index.ts";
import { pluginInstalled, tenantPrograms } from "./programs.ts";

function engineDirs(plugins: string[]) {
  const root = mkdtempSync(join(tmpdir(), "wspec-plugins-"));
  const binDir = join(root, "bin");
  mkdirSync(binDir);
  for (const p of plugins) {
    writeFileSync(join(binDir, `pulumi-resource-${p}`), "#!/bin/sh\n");
    chmodSync(join(binDir, `pulumi-resource-${p}`), 0o755);
  }
  return { binDir, home: join(root, "home") };
}

const tenant = (cloud: "aws" | "local") => {
  const spec = parseTenantSpec({
    displayName: "Acme",
    tier: "enterprise",
    cloud,
    ...(cloud === "aws" ? { region: "eu-west-1" } : {}),
    complianceProfile: "eu",
    admins: ["ops@acme.example"],
  });
  const profile = parseComplianceProfileSpec({
    frameworks: ["GDPR"],
    allowedRegions: { aws: ["eu-*"], local: ["*"] },
  });
  if (!spec.ok || !profile.ok) throw new Error("fixture");
  return { namespace: "ns", name: "acme", spec: withTierDefaults(spec.value), profile: profile.value };
};

describe("tenantPrograms", () => {
  it("refuses a cloud whose provider plugin is not installed, naming the plugin and what is available", () => {
    const engine = engineDirs(["kubernetes"]);
    const old = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const programs = tenantPrograms({ local: undefined, engine, policyPackRoot: tmpdir() });
      expect(programs(tenant("aws"))).toEqual({
        field: "spec.cloud",
        reason: "CloudNotAvailable",
        message: `spec.cloud "aws" needs the Pulumi provider plugin(s) pulumi-resource-aws, not installed for this operator (looked in ${engine.binDir}, PATH and ${join(engine.home, "plugins")}): available [local]`,
      });
      expect(pluginInstalled("kubernetes", engine)).toBe(true);
    } finally {
      process.env.PATH = old;
    }
  });

  it("with the plugin present, gives the program and a compliance pack for the tenant", async () => {
    const engine = engineDirs(["kubernetes", "aws"]);
    const root = mkdtempSync(join(tmpdir(), "wspec-packs-"));
    const target = tenantPrograms({ local: undefined, engine, policyPackRoot: root })(tenant("aws"));
    if ("reason" in target) throw new Error(target.message);
    expect(typeof target.program).toBe("function");
    const launcher = await target.policyPack();
    expect(launcher.startsWith(root)).toBe(true);
  });
});
