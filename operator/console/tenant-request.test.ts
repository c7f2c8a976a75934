import { describe, expect, it } from "vitest";
import type { ComplianceProfile } from "../../crds/index.ts";
import { decide, tenantName } from "./tenant-request.ts";

const eu = {
  metadata: { name: "eu" },
  spec: { frameworks: ["GDPR"], allowedRegions: { aws: ["eu-*"], local: ["*"] }, pii: "redact" },
} as unknown as ComplianceProfile;
const profiles = { get: (n: string) => (n === "eu" ? eu : undefined), names: () => ["eu"] };
const ok = {
  company: "Acme Insurance, Inc.",
  plan: "starter",
  cloud: "local",
  complianceProfile: "eu",
  adminEmail: "it@acme.example",
};

describe("tenantName", () => {
  it("makes a DNS label from a company name", () => {
    expect(tenantName("Acme Insurance, Inc.")).toBe("acme-insurance-inc");
    expect(tenantName("  Über--Bank  ")).toBe("uber-bank");
  });
});

describe("decide", () => {
  it("accepts a valid request and builds the Tenant spec", () => {
    const d = decide(ok, profiles);
    expect(d).toMatchObject({
      ok: true,
      name: "acme-insurance-inc",
      spec: { tier: "starter", admins: ["it@acme.example"] },
    });
  });

  it("names the form field for a region the profile does not allow", () => {
    const d = decide({ ...ok, cloud: "aws", region: "us-east-1", plan: "professional" }, profiles);
    expect(d).toMatchObject({
      ok: false,
      status: 422,
      problems: [{ field: "region", reason: "RegionNotAllowed" }],
    });
    expect(d.ok ? "" : d.problems[0]?.message).toMatch(/us-east-1.*\[eu-\*\]/);
  });

  it("names the form field for an unknown profile, with the existing ones", () => {
    const d = decide({ ...ok, complianceProfile: "nope" }, profiles);
    expect(d).toMatchObject({
      ok: false,
      problems: [{ field: "complianceProfile", reason: "ProfileNotFound" }],
    });
  });

  it("rejects wrong types, unknown fields and a bad email with 400/422 naming each field", () => {
    expect(decide({ ...ok, plan: "gold", extra: 1 }, profiles)).toMatchObject({
      ok: false,
      status: 400,
      problems: expect.arrayContaining([
        expect.objectContaining({
          field: "plan",
          message: "plan must be one of [enterprise, professional, starter]",
        }),
        expect.objectContaining({ reason: "UnknownField", message: "unknown field(s): extra" }),
      ]),
    });
    expect(decide({ ...ok, adminEmail: "not-an-email" }, profiles)).toMatchObject({
      ok: false,
      status: 422,
      problems: [expect.objectContaining({ field: "adminEmail" })],
    });
    expect(decide({ ...ok, company: "!!!" }, profiles)).toMatchObject({
      ok: false,
      problems: [{ field: "company", reason: "InvalidName" }],
    });
  });
});
