// The AWS and GCP silos' resource graphs (captured with Pulumi mocks) against every rule under the
// strictest profile: all five frameworks, customer-managed keys, private-only networking,
// deletion protection, 30 days of backups with point-in-time recovery. Not one finding, mandatory
// or advisory: the components and the pack agree on what each control means.
import { beforeAll, describe, expect, it } from "vitest";
import { parseComplianceProfileSpec } from "../crds/parse.ts";
import type { ComplianceProfileSpecInput } from "../crds/profile-schema.ts";
import type { TenantSpecInput } from "../crds/tenant-schema.ts";
import { awsTenantArgs } from "../stacks/aws/args.ts";
import { AwsTenantSilo } from "../stacks/aws/silo.ts";
import * as awsMocks from "../stacks/aws/test-mocks.ts";
import { capture } from "../stacks/azure/mock-graph.ts";
import { installGcpMocks } from "../stacks/gcp/mocks.ts";
import { GcpTenantSilo } from "../stacks/gcp/silo.ts";
import { stackProfile } from "../stacks/shared/index.ts";
import { evaluateResources } from "./evaluate.ts";
import type { RuleContext } from "./rules/types.ts";

const strict = (cloud: "aws" | "gcp", region: string): ComplianceProfileSpecInput => ({
  frameworks: ["GDPR", "HIPAA", "PCI-DSS", "SOX", "SOC2"],
  allowedRegions: { [cloud]: [region] },
  encryption: { customerManagedKeys: true, tlsMinVersion: "1.2" },
  backups: { retentionDays: 30, pointInTimeRecovery: true },
  network: { privateOnly: true },
  deletionProtection: true,
});

function ctx(cloud: "aws" | "gcp", region: string): RuleContext {
  const p = parseComplianceProfileSpec(strict(cloud, region));
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return {
    profileName: "strict",
    profile: p.value,
    tenant: { tier: "enterprise", cloud, region, deletionPolicy: "Retain" },
  };
}

const LIMITS = { storageGiB: 1000, documents: 5_000_000, requestsPerHour: 100_000 };
const findings = (f: ReturnType<typeof evaluateResources>) =>
  f.map((x) => `${x.level} ${x.rule}: ${x.message}`);

// Mocks are per process: each cloud's describe installs its own before building.
describe("the AWS silo under the strictest profile", { timeout: 60_000 }, () => {
  beforeAll(awsMocks.installMocks);
  it("has no finding", async () => {
    const spec: TenantSpecInput = {
      displayName: "Acme",
      tier: "enterprise",
      cloud: "aws",
      region: "eu-west-1",
      complianceProfile: "strict",
      admins: ["ops@acme.example"],
      deletionPolicy: "Retain",
    };
    const from = awsMocks.registered.length;
    const silo = new AwsTenantSilo(
      "strict-aws",
      awsTenantArgs({ tenantId: "strict-aws", spec, profile: strict("aws", "eu-west-1") }),
    );
    await awsMocks.value(silo.connectionData);
    await awsMocks.settled();
    const resources = awsMocks.registered.slice(from).map((r) => ({
      type: r.type,
      name: r.name,
      props: awsMocks.revealed(r.inputs) as Record<string, unknown>,
    }));
    expect(resources.length).toBeGreaterThan(30);
    expect(findings(evaluateResources(resources, ctx("aws", "eu-west-1")))).toEqual([]);
  });
});

describe("the GCP silo under the strictest profile", { timeout: 60_000 }, () => {
  beforeAll(installGcpMocks);
  it("has no finding", async () => {
    const profile = stackProfile(
      { tier: "enterprise", cloud: "gcp", region: "europe-west1" },
      strict("gcp", "europe-west1"),
    );
    const { graph } = await capture(
      () =>
        new GcpTenantSilo("strict-gcp", {
          tenantId: "strict-gcp",
          profile,
          environment: "prod",
          limits: LIMITS,
          project: "acme",
        }),
    );
    const resources = graph.all.map((r) => ({
      type: r.type,
      name: r.name,
      id: r.id,
      props: r.inputs as Record<string, unknown>,
    }));
    expect(resources.length).toBeGreaterThan(15);
    expect(findings(evaluateResources(resources, ctx("gcp", "europe-west1")))).toEqual([]);
  });
});
