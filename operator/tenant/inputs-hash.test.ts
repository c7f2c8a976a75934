import { describe, expect, it } from "vitest";
import {
  type ComplianceProfileSpec,
  parseComplianceProfileSpec,
  parseTenantSpec,
  type TenantSpec,
  tierDefaults,
  withTierDefaults,
} from "../../crds/index.ts";
import { canonicalJson, inputsHash, provisioningInputs } from "./index.ts";

function ok<T>(r: { ok: true; value: T } | { ok: false; problems: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const spec: TenantSpec = ok(
  parseTenantSpec({
    displayName: "Acme",
    tier: "starter",
    cloud: "local",
    complianceProfile: "eu",
    admins: ["b@acme.example", "a@acme.example"],
  }),
);
const profile: ComplianceProfileSpec = ok(
  parseComplianceProfileSpec({
    frameworks: ["SOC2", "GDPR"],
    allowedRegions: { local: ["*"] },
    documentRules: [
      { name: "b", requiredTags: ["y", "x"] },
      { name: "a", allowedTypes: ["image/png", "application/pdf"] },
    ],
  }),
);

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });
});

describe("tier defaults", () => {
  it("fill the limits a spec leaves out, keeping its own", () => {
    expect(withTierDefaults(spec).limits).toEqual(tierDefaults.starter);
    expect(withTierDefaults({ ...spec, tier: "enterprise", limits: { storageGiB: 5 } }).limits).toEqual({
      storageGiB: 5,
      documents: 5_000_000,
      requestsPerHour: 100_000,
    });
  });

  it("grow with the tier", () => {
    for (const k of ["storageGiB", "documents", "requestsPerHour"] as const) {
      expect(tierDefaults.starter[k]).toBeLessThan(tierDefaults.professional[k]);
      expect(tierDefaults.professional[k]).toBeLessThan(tierDefaults.enterprise[k]);
    }
  });
});

describe("inputsHash", () => {
  const base = inputsHash(spec, profile);

  it("is a sha256 hex digest, stable across calls", () => {
    expect(base).toMatch(/^[a-f0-9]{64}$/);
    expect(inputsHash(structuredClone(spec), structuredClone(profile))).toBe(base);
  });

  it("covers limits after tier defaults: an explicit default is no change", () => {
    expect(inputsHash({ ...spec, limits: { storageGiB: 10 } }, profile)).toBe(base);
    expect(inputsHash({ ...spec, limits: { storageGiB: 11 } }, profile)).not.toBe(base);
  });

  it("ignores displayName, deletionPolicy, the profile's name and admission lists", () => {
    expect(
      inputsHash(
        { ...spec, displayName: "Acme Corp", deletionPolicy: "Retain", complianceProfile: "eu2" },
        profile,
      ),
    ).toBe(base);
    expect(
      inputsHash(spec, { ...profile, allowedRegions: { aws: ["eu-*"] }, allowedTiers: ["starter"] }),
    ).toBe(base);
  });

  it("ignores the region of a local tenant and the order of sets", () => {
    expect(inputsHash({ ...spec, region: "anywhere" }, profile)).toBe(base);
    expect(inputsHash({ ...spec, admins: [...spec.admins].reverse() }, profile)).toBe(base);
    const reordered = {
      ...profile,
      frameworks: [...profile.frameworks].reverse(),
      documentRules: [...profile.documentRules]
        .reverse()
        .map((r) => ({ ...r, requiredTags: r.requiredTags?.toReversed() })),
    };
    expect(inputsHash(spec, reordered)).toBe(base);
  });

  it("changes with anything that is provisioned", () => {
    const changed = [
      inputsHash({ ...spec, runtime: { ...spec.runtime, replicas: 3 } }, profile),
      inputsHash({ ...spec, admins: ["c@acme.example"] }, profile),
      inputsHash({ ...spec, cloud: "aws", region: "eu-west-1" }, profile),
      inputsHash(spec, { ...profile, pii: "block" }),
      inputsHash(spec, { ...profile, backups: { ...profile.backups, retentionDays: 30 } }),
      inputsHash(spec, { ...profile, documentRules: [] }),
    ];
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });

  it("hashes exactly provisioningInputs", () => {
    expect(provisioningInputs(spec, profile).tenant).toEqual({
      tier: "starter",
      cloud: "local",
      region: undefined,
      admins: ["a@acme.example", "b@acme.example"],
      limits: tierDefaults.starter,
      runtime: { replicas: 2, version: "0.1.0" },
    });
  });
});
