// The runtime's resource graph under Pulumi mocks: hardened pods, probes, sizing by tier, the
// Secret from the tenant's connection values (kept secret), and bad args refused by name.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { installRecordingMocks, recordResources } from "../../policies/testing/mock-resources.ts";
import type { RuntimeArgs } from "./args.ts";
import { Runtime } from "./runtime.ts";

beforeAll(() => installRecordingMocks());

const base: RuntimeArgs = {
  tenantId: "acme-bank",
  tier: "enterprise",
  image: "registry.example.com/wspec/runtime",
  version: "1.4.2",
  replicas: 3,
  secret: { data: { TENANT_ID: "acme-bank", DATABASE_URL: pulumi.secret("postgres://u:pw@db:5432/acme") } },
  skipAwait: true,
};

async function graph(args: RuntimeArgs) {
  const resources = await recordResources(() => new Runtime("rt", args));
  const one = (type: string) => {
    const found = resources.filter((r) => r.type === type);
    if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length}`);
    // biome-ignore lint/suspicious/noExplicitAny: the assertions walk deep into mocked inputs
    return found[0]?.props as Record<string, any>;
  };
  return { resources, one };
}

describe("Runtime", () => {
  it("declares namespace, account, secret, deployment, service, HPA, PDB and network policy", async () => {
    const { resources } = await graph(base);
    expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        "wspec:kubernetes:Runtime rt",
        "kubernetes:core/v1:Namespace rt-namespace",
        "kubernetes:core/v1:ServiceAccount rt-account",
        "kubernetes:core/v1:Secret rt-env",
        "kubernetes:apps/v1:Deployment rt-deployment",
        "kubernetes:core/v1:Service rt-service",
        "kubernetes:autoscaling/v2:HorizontalPodAutoscaler rt-autoscaler",
        "kubernetes:policy/v1:PodDisruptionBudget rt-disruption-budget",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy rt-network-policy",
      ].sort(),
    );
  });

  it("runs hardened, probed and sized pods that read the tenant's Secret", async () => {
    const { one } = await graph(base);
    const deployment = one("kubernetes:apps/v1:Deployment");
    expect(deployment.metadata.annotations).toEqual({ "pulumi.com/skipAwait": "true" });
    const pod = deployment.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: "RuntimeDefault" },
    });
    const [container] = pod.containers;
    expect(container.image).toBe("registry.example.com/wspec/runtime:1.4.2");
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/health/ready", port: "http" });
    expect(container.livenessProbe.httpGet).toEqual({ path: "/health/live", port: "http" });
    expect(container.resources).toEqual({
      requests: { cpu: "500m", memory: "1Gi" },
      limits: { cpu: "2", memory: "2Gi" },
    });
    expect(container.envFrom).toEqual([{ secretRef: { name: "wspec-runtime-env" } }]);
    expect(one("kubernetes:core/v1:Secret").stringData).toEqual({
      TENANT_ID: "acme-bank",
      DATABASE_URL: "postgres://u:pw@db:5432/acme",
    });
    const hpa = one("kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
    expect(hpa.spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 20,
      scaleTargetRef: { kind: "Deployment", name: "wspec-runtime" },
    });
    expect(one("kubernetes:policy/v1:PodDisruptionBudget").spec.maxUnavailable).toBe(1);
  });

  it("deploys into a given namespace with an existing Secret, sized for its tier", async () => {
    const { resources, one } = await graph({
      ...base,
      tier: "starter",
      replicas: 1,
      namespace: "pool-tenants",
      secret: { existingName: "wspec-tenant-connection" },
      skipAwait: false,
      egressCidrs: ["10.20.0.0/16"],
    });
    expect(resources.map((r) => r.type)).not.toContain("kubernetes:core/v1:Namespace");
    expect(resources.map((r) => r.type)).not.toContain("kubernetes:core/v1:Secret");
    const deployment = one("kubernetes:apps/v1:Deployment");
    expect(deployment.metadata).toMatchObject({ namespace: "pool-tenants", annotations: {} });
    expect(deployment.spec.template.spec.containers[0].envFrom).toEqual([
      { secretRef: { name: "wspec-tenant-connection" } },
    ]);
    expect(deployment.spec.template.spec.containers[0].resources.limits).toEqual({
      cpu: "500m",
      memory: "512Mi",
    });
    const policy = one("kubernetes:networking.k8s.io/v1:NetworkPolicy").spec;
    expect(policy.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(policy.egress[1]).toEqual({
      to: [{ ipBlock: { cidr: "10.20.0.0/16" } }],
      ports: [5432, 6379, 443].map((port) => ({ protocol: "TCP", port })),
    });
  });

  it("refuses bad args, naming each field and what is allowed", () => {
    expect(() => new Runtime("bad", { ...base, tenantId: "Acme", version: "latest", replicas: 0 })).toThrow(
      'runtime bad: tenantId "Acme" must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter; version "latest" must be a semantic version (1.2.3); replicas 0 must be an integer from 1 to 20',
    );
  });
});
