import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCompliancePack } from "./compliance-pack-build.ts";
import type { CompliancePackConfig } from "./pack-config.ts";

const config: CompliancePackConfig = {
  profileName: "eu-gdpr",
  profile: { frameworks: ["GDPR"], allowedRegions: { aws: ["eu-*"] } },
  tenant: { tier: "enterprise", cloud: "aws", region: "eu-west-1", deletionPolicy: "Retain" },
};

describe("buildCompliancePack", () => {
  it("builds once per configuration, with the profile's defaults filled in, and reuses the build", async () => {
    const root = mkdtempSync(join(tmpdir(), "wspec-cpack-"));
    const [a, b] = await Promise.all([buildCompliancePack(config, root), buildCompliancePack(config, root)]);
    expect(a).toBe(b);
    const written = JSON.parse(readFileSync(join(dirname(a), "config.json"), "utf8"));
    expect(written.profile.encryption).toEqual({ customerManagedKeys: false, tlsMinVersion: "1.2" });
    expect(written.tenant).toEqual(config.tenant);
    // The same profile spelled with its defaults is the same pack; another tenant is another pack.
    const spelled = { ...config, profile: { ...config.profile, deletionProtection: false } };
    expect(await buildCompliancePack(spelled, root)).toBe(a);
    const other = await buildCompliancePack(
      { ...config, tenant: { ...config.tenant, tier: "starter" } },
      root,
    );
    expect(other).not.toBe(a);
    expect(readdirSync(root).sort()).toEqual(
      [dirname(a), dirname(other)].map((d) => d.slice(root.length + 1)).sort(),
    );
  });

  it("refuses a configuration that is not a profile and tenant, naming the field", async () => {
    const bad = { ...config, tenant: { ...config.tenant, cloud: "mars" } } as unknown as CompliancePackConfig;
    expect(() => buildCompliancePack(bad, tmpdir())).toThrow(
      /^the compliance pack's configuration is invalid: tenant\.cloud: /,
    );
  });

  it("keeps working after its directory moves (the launcher finds its files beside itself)", async () => {
    const root = mkdtempSync(join(tmpdir(), "wspec-cpack-"));
    const launcher = await buildCompliancePack(config, root);
    const moved = join(root, "moved");
    renameSync(dirname(launcher), moved);
    const r = spawnSync(join(moved, "pack"), [], { encoding: "utf8" });
    expect(r.stderr).toContain("usage: RUN <engine-address> <program>");
  });
});
