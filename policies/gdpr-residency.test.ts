// An EU-only GDPR profile over the AWS silo's real resource graph (captured with Pulumi mocks): the
// silo in eu-west-1 passes every mandatory rule; the same silo in us-east-1 fails data residency,
// each finding naming the resource and the rule, and preflight refuses the tenant before any run.
import { beforeAll, describe, expect, it } from "vitest";
import { parseComplianceProfileSpec } from "../crds/parse.ts";
import type { ComplianceProfileSpec, ComplianceProfileSpecInput } from "../crds/profile-schema.ts";
import type { TenantSpecInput } from "../crds/tenant-schema.ts";
import { awsTenantArgs } from "../stacks/aws/args.ts";
import { AwsTenantSilo } from "../stacks/aws/silo.ts";
import { installMocks, registered, revealed, settled, value } from "../stacks/aws/test-mocks.ts";
import { evaluateResources, tenantFindings } from "./evaluate.ts";
import type { RuleContext, RuleResource } from "./rules/types.ts";

beforeAll(installMocks);

const euGdpr: ComplianceProfileSpecInput = {
  frameworks: ["GDPR"],
  allowedRegions: { aws: ["eu-*"] },
  encryption: { customerManagedKeys: true },
};

function parsed(raw: ComplianceProfileSpecInput): ComplianceProfileSpec {
  const p = parseComplianceProfileSpec(raw);
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return p.value;
}

/** The silo's custom resources as the pack would see them. */
async function siloResources(
  tenantId: string,
  region: string,
  built: ComplianceProfileSpecInput,
): Promise<RuleResource[]> {
  const from = registered.length;
  const spec: TenantSpecInput = {
    displayName: "Acme",
    tier: "enterprise",
    cloud: "aws",
    region,
    complianceProfile: "eu-gdpr",
    admins: ["ops@acme.example"],
    deletionPolicy: "Retain",
  };
  const silo = new AwsTenantSilo(tenantId, awsTenantArgs({ tenantId, spec, profile: built }));
  await value(silo.connectionData);
  await settled();
  return registered
    .slice(from)
    .filter((r) => !r.type.startsWith("wspec:") && r.type !== "pulumi:pulumi:Stack")
    .map((r) => ({ type: r.type, name: r.name, props: revealed(r.inputs) as Record<string, unknown> }));
}

const ctx = (region: string): RuleContext => ({
  profileName: "eu-gdpr",
  profile: parsed(euGdpr),
  tenant: { tier: "enterprise", cloud: "aws", region, deletionPolicy: "Retain" },
});

// The first build loads @pulumi/aws (tens of MB of modules): a cold start takes seconds.
describe("an EU-only GDPR profile over the AWS silo", { timeout: 60_000 }, () => {
  it("passes the silo in eu-west-1: no mandatory finding", async () => {
    const resources = await siloResources("gdpr-eu", "eu-west-1", euGdpr);
    expect(resources.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        "aws:kms/key:Key",
        "aws:rds/cluster:Cluster",
        "aws:s3/bucket:Bucket",
        "pulumi:providers:aws",
      ]),
    );
    const mandatory = evaluateResources(resources, ctx("eu-west-1")).filter((f) => f.level === "mandatory");
    expect(mandatory).toEqual([]);
    expect(tenantFindings(ctx("eu-west-1"))).toEqual([]);
  });

  it("fails the same silo in us-east-1, naming every regional resource and the rule", async () => {
    // Built under a profile that lets the stack itself accept us-east-1: the pack must still catch it.
    const resources = await siloResources("gdpr-us", "us-east-1", {
      ...euGdpr,
      allowedRegions: { aws: ["*"] },
    });
    const findings = evaluateResources(resources, ctx("us-east-1")).filter((f) => f.level === "mandatory");
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(["data-residency"]));
    const key = resources.find((r) => r.type === "aws:kms/key:Key");
    const db = resources.find((r) => r.type === "aws:rds/cluster:Cluster");
    expect(findings).toContainEqual({
      rule: "data-residency",
      level: "mandatory",
      resource: key?.name,
      type: "aws:kms/key:Key",
      message: `${key?.name} (aws:kms/key:Key): region "us-east-1" not in [eu-*] (allowedRegions.aws of ComplianceProfile eu-gdpr)`,
    });
    expect(findings.map((f) => f.resource)).toContain(db?.name);
    expect(findings.map((f) => f.type)).toContain("pulumi:providers:aws");
    // Every AWS resource with a region was flagged; global ones (IAM) were not.
    const regional = resources.filter((r) => typeof r.props.region === "string");
    expect(findings.map((f) => f.resource).sort()).toEqual(regional.map((r) => r.name).sort());
    expect(findings.map((f) => f.type)).not.toContain("aws:iam/role:Role");

    expect(tenantFindings(ctx("us-east-1"))).toEqual([
      {
        rule: "data-residency",
        field: "spec.region",
        reason: "RegionNotAllowed",
        message:
          'spec.region "us-east-1" not in [eu-*] (allowed by ComplianceProfile eu-gdpr for aws; rule data-residency)',
      },
    ]);
  });
});
