import { describe, expect, it } from "vitest";
import { resourcePrefix } from "../../crds/naming.ts";
import type { ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import { assertName, NAME_RULES, resourceName } from "./naming.ts";
import { stackProfile } from "./profile.ts";
import { TIER_SIZING } from "./sizing.ts";
import { tenantLabels, tenantTags } from "./tags.ts";

const profile: ComplianceProfileSpecInput = { frameworks: ["GDPR"], allowedRegions: { aws: ["eu-*"] } };

describe("resourceName", () => {
  it("keeps a name that already fits", () => {
    expect(resourceName("acme", "docs", "awsS3Bucket")).toBe("acme-docs");
  });

  it("cuts long names, ends them in a stable hash, and keeps two long ids apart", () => {
    const a = resourcePrefix("a".repeat(63), "portal-one");
    const b = resourcePrefix("a".repeat(63), "portal-two");
    const na = resourceName(a, "redis", "awsElastiCacheReplicationGroup");
    const nb = resourceName(b, "redis", "awsElastiCacheReplicationGroup");
    expect(na).toHaveLength(40);
    expect(na).not.toBe(nb);
    expect(resourceName(a, "redis", "awsElastiCacheReplicationGroup")).toBe(na);
    expect(na).toMatch(/^[a-z][a-z0-9-]*-[0-9a-f]{8}$/);
    expect(na).not.toContain("--");
  });

  it("hashes when the charset loses information, so look-alikes differ", () => {
    const x = resourceName("ab-c", "docs", "azureStorageAccount");
    const y = resourceName("a-bc", "docs", "azureStorageAccount");
    expect(x).not.toBe(y);
    for (const n of [x, y]) expect(n).toMatch(/^[a-z][a-z0-9]{2,23}$/);
  });

  it("starts with a letter, meets minimum lengths, never ends in a hyphen", () => {
    expect(resourceName("9lives", "db", "awsRdsCluster")).toMatch(/^t9lives-db/);
    expect(resourceName("ab", "", "gcpServiceAccountId").length).toBeGreaterThanOrEqual(6);
    const cut = resourceName("tenant-with-a-hyphen-at-the-cut-point-xx", "cache", {
      maxLength: 30,
      charset: "lower-alnum-hyphen",
    });
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut).not.toMatch(/--|-$/);
  });

  it("fits every rule for the longest operator prefix", () => {
    const id = resourcePrefix("n".repeat(63), "m".repeat(253));
    for (const [key, rule] of Object.entries(NAME_RULES)) {
      const name = resourceName(id, "component-suffix", key as keyof typeof NAME_RULES);
      expect(() => assertName(name, rule, key)).not.toThrow();
    }
  });

  it("assertName names the rule it breaks", () => {
    expect(() => assertName("Bad_Name", "awsS3Bucket", "bucketName")).toThrow(
      'bucketName "Bad_Name" must be 3-63 characters of lower-alnum-hyphen, starting with a letter',
    );
  });
});

describe("tenantTags", () => {
  it("tags tenant, tier, environment, cost center and manager", () => {
    expect(
      tenantTags({ tenantId: "acme", tier: "enterprise", environment: "prod", costCenter: "CC 42/Finance" }),
    ).toEqual({
      "wspec-tenant": "acme",
      "wspec-tier": "enterprise",
      "wspec-environment": "prod",
      "wspec-cost-center": "CC 42/Finance",
      "wspec-managed-by": "wspec-pulumi",
    });
  });

  it("GCP labels are lowercase, label-safe and at most 63 characters", () => {
    const labels = tenantLabels({
      tenantId: "acme",
      tier: "starter",
      environment: "dev",
      costCenter: `CC 42/${"x".repeat(80)}`,
    });
    for (const [k, v] of Object.entries(labels)) {
      expect(k).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
      expect(v).toMatch(/^[a-z0-9_-]{0,63}$/);
    }
    expect(labels["wspec-cost-center"]?.startsWith("cc_42_")).toBe(true);
  });

  it("refuses bad input naming the field", () => {
    expect(() => tenantTags({ tenantId: "Acme", tier: "starter", environment: "dev" })).toThrow(
      /tenantId "Acme"/,
    );
    expect(() =>
      tenantTags({ tenantId: "acme", tier: "starter", environment: "dev", costCenter: "a<b" }),
    ).toThrow(/costCenter "a<b"/);
  });
});

describe("stackProfile", () => {
  it("resolves backups, keys, object lock and deletion protection", () => {
    const p = stackProfile(
      { tier: "enterprise", cloud: "aws", region: "eu-west-1" },
      { ...profile, frameworks: ["SOX"], backups: { retentionDays: 30 }, retention: { documentDays: 2555 } },
    );
    expect(p).toMatchObject({
      region: "eu-west-1",
      backupRetentionDays: 30,
      deletionProtection: true,
      tlsMinVersion: "1.2",
      objectLock: { enabled: true, mode: "GOVERNANCE", retentionDays: 2555 },
    });
  });

  it("never goes below the tier's backup floor", () => {
    const p = stackProfile({ tier: "enterprise", cloud: "aws", region: "eu-west-1" }, profile);
    expect(p.backupRetentionDays).toBe(TIER_SIZING.enterprise.backupRetentionDays);
    expect(p.objectLock.enabled).toBe(false);
  });

  it("refuses a region the profile does not allow", () => {
    expect(() => stackProfile({ tier: "starter", cloud: "aws", region: "us-east-1" }, profile)).toThrow(
      'spec.region "us-east-1" not in [eu-*] (allowed by the ComplianceProfile for aws)',
    );
    expect(() => stackProfile({ tier: "starter", cloud: "gcp", region: "europe-west1" }, profile)).toThrow(
      /spec.cloud "gcp" is not allowed/,
    );
  });

  it("refuses an invalid profile naming the field", () => {
    expect(() =>
      stackProfile(
        { tier: "starter", cloud: "aws", region: "eu-west-1" },
        { ...profile, backups: { retentionDays: 99 } },
      ),
    ).toThrow(/spec.backups.retentionDays/);
  });
});
