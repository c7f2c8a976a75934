// The tenant program: which components make a tenant, from spec.cloud and spec.tier (a silo for
// enterprise, a pool placement otherwise), plus the runtime on Kubernetes (stacks/runtime). The
// operator runs it inline; Pulumi.yaml runs the same function from the CLI (operator/pulumi-cli/main.ts).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ComplianceProfileSpec } from "../crds/profile-schema.ts";
import { CLOUD_TENANTS, type CloudTenantInput, shapeOf } from "./cloud-tenants.ts";
import { LocalTenant, type LocalTenantConnections, validateLocalTenantArgs } from "./local/index.ts";
import { Runtime } from "./runtime/index.ts";

export const DEFAULT_RUNTIME_IMAGE = "ghcr.io/wspec/runtime";

export interface TenantProgramContext {
  /** The tenant's id in every name (the operator's resourcePrefix of namespace and name). */
  readonly tenantId: string;
  /** Extra labels for the tenant's Kubernetes objects. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The runtime image repository; the tag is spec.runtime.version. */
  readonly runtimeImage?: string;
  /** prod, staging, ...: tagged on cloud resources. */
  readonly environment?: string;
  /** The local services, for spec.cloud "local". */
  readonly local?: LocalTenantConnections;
  readonly gcpProject?: string;
  readonly pools?: CloudTenantInput["pools"];
}

export type TenantProgramSpec = CloudTenantInput["spec"];

/**
 * An inline program for one tenant. What can be checked before a stack is touched is checked here
 * (the local target's args, a missing platform for a pool): such a request throws with the reason.
 */
export function tenantProgram(
  spec: TenantProgramSpec,
  profile: ComplianceProfileSpec,
  context: TenantProgramContext,
): () => Promise<Record<string, unknown>> {
  const labels = context.labels ?? {};
  const image = context.runtimeImage ?? DEFAULT_RUNTIME_IMAGE;
  if (spec.cloud === "local") {
    const local = context.local;
    if (!local)
      throw new Error(
        'spec.cloud "local": no local target is configured (the local environment\'s env.json)',
      );
    const args = {
      tenantId: context.tenantId,
      tier: spec.tier,
      limits: spec.limits,
      admins: spec.admins,
      labels,
      connections: local,
      compliance: {
        profile: spec.complianceProfile,
        frameworks: profile.frameworks,
        pii: profile.pii,
        documentRules: profile.documentRules,
        virusScanFailOpen: profile.virusScan.failOpen,
      },
    };
    // Fails now, with every problem named, rather than inside the engine.
    const { err } = validateLocalTenantArgs(args);
    if (err !== undefined) throw new Error(err);
    return async () => {
      const tenant = new LocalTenant(context.tenantId, args);
      const runtime = new Runtime(
        `${context.tenantId}-runtime`,
        {
          tenantId: context.tenantId,
          tier: spec.tier,
          namespace: tenant.namespace,
          image,
          version: spec.runtime.version,
          replicas: spec.runtime.replicas,
          secret: { existingName: tenant.connectionSecret.name },
          labels,
          // The local control plane has no nodes: no pod ever becomes ready.
          skipAwait: true,
        },
        // The tenant's own provider: one Kubernetes plugin process per operation, not two.
        { providers: { kubernetes: tenant.cluster }, dependsOn: [tenant] },
      );
      return {
        tenantId: tenant.tenantId,
        tier: tenant.tier,
        database: tenant.database,
        storage: tenant.storage,
        redis: tenant.redis,
        namespace: tenant.namespace,
        connectionSecret: tenant.connectionSecret,
        credentials: tenant.credentials,
        endpoint: runtime.endpoint,
      };
    };
  }

  const shape = shapeOf(spec.tier);
  const factory = CLOUD_TENANTS[spec.cloud][shape];
  if (!factory)
    throw new Error(`spec.cloud "${spec.cloud}" has no ${shape} component for tier "${spec.tier}" yet`);
  if (shape === "pool" && !context.pools?.[spec.cloud]) {
    throw new Error(
      `spec.cloud "${spec.cloud}", tier "${spec.tier}": no pool platform is configured for ${spec.cloud} (pools.${spec.cloud})`,
    );
  }
  const input: CloudTenantInput = {
    tenantId: context.tenantId,
    spec,
    profile,
    environment: context.environment ?? "prod",
    ...(context.gcpProject ? { gcpProject: context.gcpProject } : {}),
    ...(context.pools ? { pools: context.pools } : {}),
  };
  return async () => {
    const tenant = await factory(input);
    const cluster = new k8s.Provider(`${context.tenantId}-runtime-cluster`, {
      kubeconfig: pulumi.secret(tenant.kubeconfig),
    });
    const runtime = new Runtime(
      `${context.tenantId}-runtime`,
      {
        tenantId: context.tenantId,
        tier: spec.tier,
        namespace: tenant.namespace,
        createNamespace: tenant.createNamespace,
        image,
        version: spec.runtime.version,
        replicas: spec.runtime.replicas,
        secret: { data: tenant.connection },
        labels,
        ...(tenant.workloadIdentity ? { workloadIdentity: tenant.workloadIdentity } : {}),
      },
      { providers: { kubernetes: cluster } },
    );
    return {
      tenantId: context.tenantId,
      tier: spec.tier,
      cloud: spec.cloud,
      region: spec.region,
      namespace: runtime.namespace,
      endpoint: runtime.endpoint,
    };
  };
}
