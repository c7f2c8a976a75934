import { describe, expect, it } from "vitest";
import {
  type ComplianceProfileSpec,
  examplesDir,
  loadManifestDir,
  PROFILE_KIND,
  parseComplianceProfileSpec,
  parseTenantSpec,
  TENANT_KIND,
  type TenantSpec,
} from "../../crds/index.ts";
import { preflight, profileInvalid, profileNotFound, regionMatches } from "./index.ts";

function profileOf(raw: unknown): ComplianceProfileSpec {
  const parsed = parseComplianceProfileSpec(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const eu = profileOf({
  frameworks: ["GDPR", "SOC2"],
  allowedRegions: { aws: ["eu-*"], azure: ["westeurope", "northeurope"], local: ["*"] },
});
const spec: TenantSpec = {
  displayName: "Acme",
  tier: "professional",
  cloud: "aws",
  region: "eu-west-1",
  complianceProfile: "eu-gdpr",
  admins: ["it@acme.example"],
  runtime: { replicas: 2, version: "0.1.0" },
  deletionPolicy: "Destroy",
};

describe("regionMatches", () => {
  it("matches exact names, prefixes ending in * and * alone", () => {
    expect(regionMatches("eu-west-1", "eu-west-1")).toBe(true);
    expect(regionMatches("eu-west-1", "eu-*")).toBe(true);
    expect(regionMatches("eu-west-1", "*")).toBe(true);
    expect(regionMatches("us-east-1", "eu-*")).toBe(false);
    expect(regionMatches("eu-west-10", "eu-west-1")).toBe(false);
  });
});

describe("preflight", () => {
  it("passes a tenant the profile allows", () => {
    expect(preflight(spec, eu)).toEqual([]);
    expect(preflight({ ...spec, cloud: "azure", region: "northeurope" }, eu)).toEqual([]);
  });

  it("ignores the region of a local tenant once the profile lists local", () => {
    expect(preflight({ ...spec, cloud: "local", region: undefined }, eu)).toEqual([]);
    expect(preflight({ ...spec, cloud: "local", region: "anywhere-1" }, eu)).toEqual([]);
  });

  it("rejects a region outside the cloud's list, naming the allowed patterns", () => {
    expect(preflight({ ...spec, region: "us-east-1" }, eu)).toEqual([
      {
        field: "spec.region",
        reason: "RegionNotAllowed",
        message:
          'spec.region "us-east-1" not in [eu-*] (allowed by ComplianceProfile eu-gdpr for aws; rule data-residency)',
      },
    ]);
  });

  it("rejects a cloud the profile does not list", () => {
    expect(preflight({ ...spec, cloud: "gcp", region: "europe-west1" }, eu)).toEqual([
      {
        field: "spec.cloud",
        reason: "CloudNotAllowed",
        message:
          'spec.cloud "gcp" not allowed by ComplianceProfile eu-gdpr: allowed [aws, azure, local] (rule data-residency)',
      },
    ]);
  });

  it("rejects a tier outside allowedTiers", () => {
    const enterpriseOnly = { ...eu, allowedTiers: ["enterprise" as const] };
    expect(preflight(spec, enterpriseOnly)).toEqual([
      {
        field: "spec.tier",
        reason: "TierNotAllowed",
        message: 'spec.tier "professional" not allowed by ComplianceProfile eu-gdpr: allowed [enterprise]',
      },
    ]);
  });

  it("requires an enterprise tier on a real cloud for customer-managed keys", () => {
    const cmk = { ...eu, encryption: { customerManagedKeys: true, tlsMinVersion: "1.3" as const } };
    expect(preflight({ ...spec, tier: "enterprise" }, cmk)).toEqual([]);
    expect(preflight({ ...spec, cloud: "local", region: undefined }, cmk)).toEqual([
      {
        field: "spec.cloud",
        reason: "CustomerManagedKeysUnavailable",
        message:
          'spec.cloud "local" has no key management service; ComplianceProfile eu-gdpr requires customer-managed keys (spec.encryption.customerManagedKeys); rule encryption-at-rest: allowed [aws, azure, gcp]',
      },
      {
        field: "spec.tier",
        reason: "CustomerManagedKeysUnavailable",
        message:
          'spec.tier "professional" shares the platform\'s keys; ComplianceProfile eu-gdpr requires customer-managed keys (spec.encryption.customerManagedKeys); rule encryption-at-rest: allowed [enterprise]',
      },
    ]);
  });

  it("requires deletionPolicy Retain under deletionProtection", () => {
    const protectedProfile = { ...eu, deletionProtection: true };
    expect(preflight({ ...spec, deletionPolicy: "Retain" }, protectedProfile)).toEqual([]);
    expect(preflight(spec, protectedProfile)).toEqual([
      {
        field: "spec.deletionPolicy",
        reason: "DeletionPolicyNotAllowed",
        message:
          'spec.deletionPolicy "Destroy" not allowed by ComplianceProfile eu-gdpr (deletionProtection: true; rule deletion-protection): allowed [Retain]',
      },
    ]);
  });

  it("reports every rule that fails", () => {
    const strict = { ...eu, allowedTiers: ["enterprise" as const], deletionProtection: true };
    expect(preflight({ ...spec, region: "ap-south-1" }, strict).map((p) => p.reason)).toEqual([
      "TierNotAllowed",
      "RegionNotAllowed",
      "DeletionPolicyNotAllowed",
    ]);
  });
});

describe("profileNotFound and profileInvalid", () => {
  it("name the missing profile and list the existing ones", () => {
    expect(profileNotFound("eu-gdrp", ["us-hipaa", "eu-gdpr"])).toEqual({
      field: "spec.complianceProfile",
      reason: "ProfileNotFound",
      message: 'spec.complianceProfile "eu-gdrp" not found: existing profiles [eu-gdpr, us-hipaa]',
    });
    expect(profileNotFound("x").message).toBe('spec.complianceProfile "x" not found: existing profiles []');
    const many = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    expect(profileNotFound("x", many).message).toBe(
      'spec.complianceProfile "x" not found: existing profiles [p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, ...]',
    );
  });

  it("carry the profile's own problems", () => {
    const parsed = parseComplianceProfileSpec({ frameworks: [], allowedRegions: { local: ["*"] } });
    if (parsed.ok) throw new Error("expected problems");
    expect(profileInvalid("empty", parsed.problems)).toEqual({
      field: "spec.complianceProfile",
      reason: "ProfileInvalid",
      message:
        'spec.complianceProfile "empty" is invalid: spec.frameworks has 0 item(s): at least 1 required',
    });
  });
});

describe("crds/examples against preflight", () => {
  it("are valid, and every example tenant passes preflight against the profile it names", async () => {
    const docs = await loadManifestDir(examplesDir);
    const profiles = new Map<string, ReturnType<typeof parseComplianceProfileSpec>>();
    for (const p of docs.filter((d) => d.kind === PROFILE_KIND)) {
      profiles.set(p.metadata?.name ?? "", parseComplianceProfileSpec(p.spec));
    }
    expect([...profiles.keys()].sort()).toEqual(["eu-gdpr-soc2", "us-hipaa"]);
    for (const [name, parsed] of profiles) expect(parsed, name).toMatchObject({ ok: true });

    const tenants = docs.filter((d) => d.kind === TENANT_KIND);
    expect(tenants.map((t) => t.metadata?.name).sort()).toEqual(["acme-pilot", "globex-bank", "initech"]);
    for (const t of tenants) {
      const spec = parseTenantSpec(t.spec);
      if (!spec.ok) throw new Error(`${t.metadata?.name}: ${JSON.stringify(spec.problems)}`);
      const profile = profiles.get(spec.value.complianceProfile);
      if (!profile?.ok)
        throw new Error(`${t.metadata?.name}: profile ${spec.value.complianceProfile} missing`);
      expect(preflight(spec.value, profile.value), t.metadata?.name).toEqual([]);
    }
  });
});
