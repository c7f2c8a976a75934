// tenantProgram picks the components from spec.cloud and spec.tier and adds the runtime, run under
// Pulumi mocks (no engine, no provider binary): the local target with the runtime in the tenant's
// namespace, and the AWS silo with the runtime in its own cluster under its IRSA role.
import { beforeAll, describe, expect, it } from "vitest";
import { parseComplianceProfileSpec } from "../crds/parse.ts";
import type { ComplianceProfileSpec } from "../crds/profile-schema.ts";
import * as awsMocks from "./aws/test-mocks.ts";
import { shapeOf } from "./cloud-tenants.ts";
import { type TenantProgramSpec, tenantProgram } from "./program.ts";

function profile(raw: unknown): ComplianceProfileSpec {
  const p = parseComplianceProfileSpec(raw);
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return p.value;
}

const spec = (over: Partial<TenantProgramSpec>): TenantProgramSpec => ({
  displayName: "Acme",
  tier: "enterprise",
  cloud: "aws",
  region: "eu-west-1",
  complianceProfile: "eu",
  admins: ["ops@acme.example"],
  runtime: { replicas: 2, version: "1.2.3" },
  deletionPolicy: "Retain",
  limits: { storageGiB: 100, documents: 1000, requestsPerHour: 1000 },
  ...over,
});
const eu = profile({ frameworks: ["GDPR"], allowedRegions: { aws: ["eu-*"], local: ["*"] } });
const local = {
  postgresAdminUrl: "postgres://postgres:pw@127.0.0.1:5433/postgres",
  redisAdminUrl: "redis://default:pw@127.0.0.1:6380",
  kubeconfig: "apiVersion: v1\nkind: Config\n",
  storageRoot: "/srv/wspec/storage",
};

beforeAll(awsMocks.installMocks);

async function run(program: () => Promise<Record<string, unknown>>) {
  const from = awsMocks.registered.length;
  const outputs = await program();
  await awsMocks.settled();
  const all = awsMocks.registered.slice(from);
  const one = (type: string) => {
    const found = all.filter((r) => r.type === type);
    if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length}`);
    // biome-ignore lint/suspicious/noExplicitAny: the assertions walk deep into mocked inputs
    return awsMocks.revealed(found[0]?.inputs) as Record<string, any>;
  };
  return { outputs, types: all.map((r) => r.type), one };
}

describe("tenantProgram", { timeout: 60_000 }, () => {
  it("gives enterprise a silo and the other tiers a pool", () => {
    expect(shapeOf("enterprise")).toBe("silo");
    expect(shapeOf("professional")).toBe("pool");
    expect(shapeOf("starter")).toBe("pool");
  });

  it("local: the local tenant, and the runtime in its namespace reading its connection Secret", async () => {
    const program = tenantProgram(spec({ cloud: "local", region: undefined, tier: "starter" }), eu, {
      tenantId: "acme",
      local,
    });
    const { types, one, outputs } = await run(program);
    expect(types).toEqual(expect.arrayContaining(["wspec:local:Tenant", "wspec:kubernetes:Runtime"]));
    expect(types.filter((t) => t === "kubernetes:core/v1:Namespace")).toHaveLength(1); // the tenant's only
    const deployment = one("kubernetes:apps/v1:Deployment");
    expect(deployment.metadata).toMatchObject({
      namespace: "tenant-acme",
      annotations: { "pulumi.com/skipAwait": "true" },
    });
    expect(deployment.spec.template.spec.containers[0].envFrom).toEqual([
      { secretRef: { name: "wspec-tenant-connection" } },
    ]);
    expect(deployment.spec.template.spec.containers[0].image).toBe("ghcr.io/wspec/runtime:1.2.3");
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(["credentials", "endpoint", "namespace"]));
  });

  it("aws enterprise: the AWS silo, and the runtime in a namespace of its cluster under the IRSA role", async () => {
    const program = tenantProgram(spec({}), eu, { tenantId: "acme" });
    const { types, one } = await run(program);
    expect(types).toEqual(
      expect.arrayContaining(["wspec:aws:TenantSilo", "wspec:kubernetes:Runtime", "aws:eks/cluster:Cluster"]),
    );
    const namespace = one("kubernetes:core/v1:Namespace");
    const account = one("kubernetes:core/v1:ServiceAccount");
    expect(account.metadata.namespace).toBe(namespace.metadata.name);
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(/^arn:aws:iam::\d+:role\//);
    const secret = one("kubernetes:core/v1:Secret");
    expect(Object.keys(secret.stringData)).toEqual(expect.arrayContaining(["TENANT_ID"]));
    // The runtime's provider is the silo's cluster, not the ambient kubeconfig.
    const provider = one("pulumi:providers:kubernetes");
    expect(provider.kubeconfig).toContain("acme");
  });

  it("refuses what it cannot build before any engine run, saying why", () => {
    expect(() =>
      tenantProgram(spec({ cloud: "local", region: undefined }), eu, { tenantId: "acme" }),
    ).toThrow('spec.cloud "local": no local target is configured');
    expect(() =>
      tenantProgram(spec({ cloud: "gcp", region: "europe-west1", tier: "starter" }), eu, {
        tenantId: "acme",
      }),
    ).toThrow('spec.cloud "gcp", tier "starter": no pool platform is configured for gcp (pools.gcp)');
    expect(() =>
      tenantProgram(spec({ cloud: "local", region: undefined }), eu, { tenantId: "Acme!", local }),
    ).toThrow(/tenantId "Acme!" must be 1-40 lowercase letters/);
  });
});
