import { describe, expect, it } from "vitest";
import { immutableFieldProblems, parseComplianceProfileSpec, parseTenantSpec, summarize } from "./index.ts";

const tenant = {
  displayName: "Acme",
  tier: "starter",
  cloud: "aws",
  region: "eu-west-1",
  complianceProfile: "eu-gdpr-soc2",
  admins: ["it@acme.example"],
};
const profile = { frameworks: ["GDPR"], allowedRegions: { aws: ["eu-*"] } };

describe("parseTenantSpec", () => {
  it("fills in the CRD defaults and leaves limits to the tier", () => {
    expect(parseTenantSpec(tenant)).toEqual({
      ok: true,
      value: { ...tenant, runtime: { replicas: 2, version: "0.1.0" }, deletionPolicy: "Destroy" },
    });
  });

  it("accepts a local tenant without a region", () => {
    const { region: _, ...local } = { ...tenant, cloud: "local" };
    expect(parseTenantSpec(local)).toMatchObject({ ok: true });
  });

  it("names the field, the value and the allowed values of every problem at once", () => {
    const result = parseTenantSpec({
      ...tenant,
      displayName: "",
      tier: "gold",
      region: undefined,
      complianceProfile: "Bad_Name",
      admins: ["bob", "a@b.example", "a@b.example"],
      limits: { storageGiB: 1.5, documents: -1 },
      runtime: { replicas: 0, version: "latest" },
      deletionPolicy: "Keep",
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: "spec.displayName",
          reason: "TooShort",
          message: 'spec.displayName "" has 0 character(s): at least 1 required',
        },
        {
          field: "spec.tier",
          reason: "UnsupportedValue",
          message: 'spec.tier "gold" not in [enterprise, professional, starter]',
        },
        {
          field: "spec.complianceProfile",
          reason: "InvalidFormat",
          message: `spec.complianceProfile "Bad_Name" is not a DNS-1123 name (lowercase letters, digits, '-' and '.')`,
        },
        {
          field: "spec.admins[0]",
          reason: "InvalidFormat",
          message: 'spec.admins[0] "bob" is not an email address',
        },
        {
          field: "spec.limits.storageGiB",
          reason: "InvalidType",
          message: "spec.limits.storageGiB 1.5 is not an integer",
        },
        {
          field: "spec.limits.documents",
          reason: "OutOfRange",
          message: "spec.limits.documents -1 out of range: must be between 1 and 1000000000",
        },
        {
          field: "spec.runtime.replicas",
          reason: "OutOfRange",
          message: "spec.runtime.replicas 0 out of range: must be between 1 and 20",
        },
        {
          field: "spec.runtime.version",
          reason: "InvalidFormat",
          message: 'spec.runtime.version "latest" is not a semantic version (1.2.3 or 1.2.3-rc.1)',
        },
        {
          field: "spec.deletionPolicy",
          reason: "UnsupportedValue",
          message: 'spec.deletionPolicy "Keep" not in [Destroy, Retain]',
        },
        {
          field: "spec.region",
          reason: "RegionRequired",
          message: 'spec.region is required when spec.cloud is "aws"',
        },
        {
          field: "spec.admins[2]",
          reason: "Duplicate",
          message: 'spec.admins[2] "a@b.example" is a duplicate',
        },
      ],
    });
  });

  it("lists the allowed values of a missing enum field", () => {
    const { tier: _, cloud: __, ...rest } = tenant;
    const result = parseTenantSpec(rest);
    expect(result.ok ? [] : result.problems.map((p) => `${p.reason}: ${p.message}`)).toEqual([
      "Required: spec.tier is required: one of [enterprise, professional, starter]",
      "Required: spec.cloud is required: one of [aws, azure, gcp, local]",
    ]);
  });

  it("rejects a region of another cloud's shape", () => {
    expect(parseTenantSpec({ ...tenant, region: "westeurope" })).toEqual({
      ok: false,
      problems: [
        {
          field: "spec.region",
          reason: "InvalidRegion",
          message: 'spec.region "westeurope" is not a region name for cloud aws (like eu-west-1)',
        },
      ],
    });
    expect(parseTenantSpec({ ...tenant, cloud: "gcp", region: "europe-west1" })).toMatchObject({ ok: true });
    expect(parseTenantSpec({ ...tenant, cloud: "azure", region: "westeurope" })).toMatchObject({ ok: true });
    expect(parseTenantSpec({ ...tenant, region: "us-gov-west-1" })).toMatchObject({ ok: true });
  });

  it("describes wrong types and a spec that is not an object", () => {
    const bad = parseTenantSpec({ ...tenant, admins: "it@acme.example", runtime: { replicas: "2" } });
    expect(bad.ok ? "" : summarize(bad.problems)).toBe(
      'spec.admins "it@acme.example" is not an array; spec.runtime.replicas "2" is not an integer',
    );
    expect(parseTenantSpec(null)).toEqual({
      ok: false,
      problems: [{ field: "spec", reason: "InvalidType", message: "spec null is not an object" }],
    });
  });

  it("says how many items an array may have", () => {
    const many = Array.from({ length: 21 }, (_, i) => `a${i}@acme.example`);
    const result = parseTenantSpec({ ...tenant, admins: many });
    expect(result.ok ? [] : result.problems).toEqual([
      { field: "spec.admins", reason: "TooMany", message: "spec.admins has 21 item(s): at most 20 allowed" },
    ]);
  });
});

describe("parseComplianceProfileSpec", () => {
  it("fills in every default", () => {
    expect(parseComplianceProfileSpec(profile)).toEqual({
      ok: true,
      value: {
        ...profile,
        encryption: { customerManagedKeys: false, tlsMinVersion: "1.2" },
        backups: { retentionDays: 7, pointInTimeRecovery: false },
        retention: { documentDays: 365, auditDays: 2555 },
        network: { privateOnly: false },
        deletionProtection: false,
        pii: "redact",
        virusScan: { failOpen: false },
        documentRules: [],
      },
    });
  });

  it("reports bad values, an empty allowedRegions and HIPAA without customer-managed keys", () => {
    const result = parseComplianceProfileSpec({
      frameworks: ["HIPAA", "ISO27001"],
      allowedRegions: {},
      pii: "hide",
      backups: { retentionDays: 90 },
      documentRules: [{ name: "a" }, { name: "a", allowedTypes: ["pdf"] }],
    });
    expect(result.ok ? [] : result.problems.map((p) => `${p.field} ${p.reason}: ${p.message}`)).toEqual([
      'spec.frameworks[1] UnsupportedValue: spec.frameworks[1] "ISO27001" not in [SOX, GDPR, HIPAA, PCI-DSS, SOC2]',
      "spec.backups.retentionDays OutOfRange: spec.backups.retentionDays 90 out of range: must be between 1 and 35",
      'spec.pii UnsupportedValue: spec.pii "hide" not in [block, redact, flag]',
      'spec.documentRules[1].allowedTypes[0] InvalidFormat: spec.documentRules[1].allowedTypes[0] "pdf" is not a MIME type (application/pdf)',
      'spec.documentRules[1].name Duplicate: spec.documentRules[1].name "a" is a duplicate',
      "spec.allowedRegions NoCloudAllowed: spec.allowedRegions names no cloud: list regions for at least one of [aws, azure, gcp, local]",
      "spec.encryption.customerManagedKeys CustomerManagedKeysRequired: spec.encryption.customerManagedKeys must be true when spec.frameworks has HIPAA",
    ]);
  });

  it("checks region patterns: a prefix may end in *", () => {
    const result = parseComplianceProfileSpec({
      ...profile,
      allowedRegions: { aws: ["eu-*", "*", "EU-*", "eu-*-1"] },
    });
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      'spec.allowedRegions.aws[2] "EU-*" is not a region or a prefix ending in * (eu-*)',
      'spec.allowedRegions.aws[3] "eu-*-1" is not a region or a prefix ending in * (eu-*)',
    ]);
  });

  it("accepts PCI-DSS with customer-managed keys", () => {
    const pci = { ...profile, frameworks: ["PCI-DSS"], encryption: { customerManagedKeys: true } };
    expect(parseComplianceProfileSpec(pci)).toMatchObject({ ok: true });
  });
});

describe("immutableFieldProblems", () => {
  it("rejects a changed tier, cloud or region with the CRD's messages", () => {
    const before = { tier: "starter", cloud: "aws", region: "eu-west-1" } as const;
    expect(immutableFieldProblems(before, before)).toEqual([]);
    expect(
      immutableFieldProblems(before, { tier: "enterprise", cloud: "gcp", region: "europe-west1" }),
    ).toEqual([
      {
        field: "spec.tier",
        reason: "FieldImmutable",
        message: "spec.tier is immutable: moving a tenant to another tier is a migration to a new tenant",
      },
      {
        field: "spec.cloud",
        reason: "FieldImmutable",
        message: "spec.cloud is immutable: moving a tenant to another cloud is a migration to a new tenant",
      },
      {
        field: "spec.region",
        reason: "FieldImmutable",
        message:
          "spec.region is immutable: moving a tenant's data to another region is a migration to a new tenant",
      },
    ]);
  });

  it("lets a region be added where there was none, as CEL transition rules do", () => {
    expect(
      immutableFieldProblems(
        { tier: "starter", cloud: "local" },
        { tier: "starter", cloud: "local", region: "x1" },
      ),
    ).toEqual([]);
  });
});
