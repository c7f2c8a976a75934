// The cloud components behind tenantProgram, behind one shape: what the runtime needs from a
// tenant's infrastructure (its cluster, namespace, identity and connection values), whichever
// cloud and tier made it. Each cloud's code (and its SDK) is loaded only when a program for that
// cloud runs: the operator and the local target never load the three cloud SDKs.
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud, Tier } from "../crds/constants.ts";
import type { ComplianceProfileSpec } from "../crds/profile-schema.ts";
import type { TenantSpec } from "../crds/tenant-schema.ts";
import type { AwsPoolPlatformRef } from "./aws/platform.ts";
import type { AzurePoolPlatformRef } from "./azure/index.ts";
import type { GcpPoolPlatformRef } from "./gcp/platform.ts";
import type { TenantLimits } from "./local/quota.ts";
import { stackProfile } from "./shared/index.ts";

export type CloudName = Exclude<Cloud, "local">;
export type Shape = "silo" | "pool";

/** Enterprise tenants get a silo of their own; the other tiers share a pool. */
export const shapeOf = (tier: Tier): Shape => (tier === "enterprise" ? "silo" : "pool");

/** What the runtime is deployed from. */
export interface CloudTenant {
  readonly kubeconfig: pulumi.Output<string>;
  readonly namespace: pulumi.Output<string>;
  /** A silo's cluster is new: the runtime creates the namespace; a pool's namespace exists. */
  readonly createNamespace: boolean;
  /** Environment for the runtime (a secret output). */
  readonly connection: pulumi.Output<Record<string, string>>;
  readonly workloadIdentity?: pulumi.Input<{
    annotations: Readonly<Record<string, string>>;
    podLabels: Readonly<Record<string, string>>;
  }>;
}

export interface CloudTenantInput {
  readonly tenantId: string;
  readonly spec: Pick<
    TenantSpec,
    | "tier"
    | "cloud"
    | "region"
    | "admins"
    | "runtime"
    | "deletionPolicy"
    | "displayName"
    | "complianceProfile"
  > & {
    readonly limits: TenantLimits;
  };
  readonly profile: ComplianceProfileSpec;
  readonly environment: string;
  /** GCP: the project silos are created in. */
  readonly gcpProject?: string;
  /**
   * The pool platforms tenants of the pooled tiers are placed on, per cloud (AWS: the platform
   * stack's name, read through a StackReference, or its outputs).
   */
  readonly pools?: {
    readonly aws?: string | AwsPoolPlatformRef;
    readonly azure?: AzurePoolPlatformRef;
    readonly gcp?: GcpPoolPlatformRef;
  };
}

type Factory = (input: CloudTenantInput) => Promise<CloudTenant>;

const cloudArgs = (input: CloudTenantInput) => ({
  tenantId: input.tenantId,
  profile: stackProfile(input.spec, input.profile),
  environment: input.environment,
  limits: input.spec.limits,
});

/** What the runtime is deployed from, read off a tenant component. */
function runtimeOf(
  tenant: Pick<CloudTenant, "kubeconfig" | "namespace" | "workloadIdentity">,
  connection: pulumi.Output<Record<string, string>>,
  createNamespace: boolean,
): CloudTenant {
  return {
    kubeconfig: tenant.kubeconfig,
    namespace: tenant.namespace,
    createNamespace,
    connection,
    workloadIdentity: tenant.workloadIdentity,
  };
}

async function awsArgs(input: CloudTenantInput) {
  const { awsTenantArgs } = await import("./aws/args.ts");
  return awsTenantArgs({
    tenantId: input.tenantId,
    spec: input.spec,
    profile: input.profile,
    environment: input.environment,
  });
}

/** Which component makes each cloud and shape; absent: not built yet for that cloud. */
export const CLOUD_TENANTS: Readonly<Record<CloudName, Partial<Record<Shape, Factory>>>> = {
  aws: {
    silo: async (input) => {
      const { AwsTenantSilo } = await import("./aws/silo.ts");
      const silo = new AwsTenantSilo(input.tenantId, await awsArgs(input));
      return runtimeOf(silo, silo.connectionData, true);
    },
    pool: async (input) => {
      const platform = input.pools?.aws;
      if (!platform) throw new Error("no AWS pool platform is configured (pools.aws)");
      const { AwsTenantPool } = await import("./aws/pool.ts");
      const pool = new AwsTenantPool(input.tenantId, { ...(await awsArgs(input)), platform });
      return runtimeOf(pool, pool.connectionData, false);
    },
  },
  azure: {
    silo: async (input) => {
      const { AzureTenantSilo } = await import("./azure/index.ts");
      const silo = new AzureTenantSilo(input.tenantId, cloudArgs(input));
      return runtimeOf(silo, silo.connection, true);
    },
    pool: async (input) => {
      const platform = input.pools?.azure;
      if (!platform) throw new Error(`no Azure pool platform is configured for region ${input.spec.region}`);
      const { AzurePoolTenant } = await import("./azure/index.ts");
      const tenant = new AzurePoolTenant(input.tenantId, { ...cloudArgs(input), platform });
      return runtimeOf(tenant, tenant.connection, false);
    },
  },
  gcp: {
    silo: async (input) => {
      if (!input.gcpProject) throw new Error("a GCP silo needs the project to create it in (gcpProject)");
      const { GcpTenantSilo } = await import("./gcp/silo.ts");
      const silo = new GcpTenantSilo(input.tenantId, { ...cloudArgs(input), project: input.gcpProject });
      return runtimeOf(silo, silo.connection, true);
    },
    pool: async (input) => {
      const platform = input.pools?.gcp;
      if (!platform) throw new Error("no GCP pool platform is configured (pools.gcp)");
      const { GcpPoolTenant } = await import("./gcp/pool.ts");
      const pool = new GcpPoolTenant(input.tenantId, { ...cloudArgs(input), platform });
      return runtimeOf(pool, pool.connection, false);
    },
  },
};
