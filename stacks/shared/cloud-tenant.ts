// What the Azure and GCP tenant components build alike around their cloud's resources: the
// database and workload-identity outputs, and a pooled tenant's part of the pool (its namespace in
// the pool's cluster and its role and schema in the pool database). Every resource is named
// `${name}-…` (the namespace objects `${name}-…` too) under the caller's component, so each
// component's URNs are what they were when it declared them itself.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../../crds/constants.ts";
import { POOL_DATABASE, type TenantNames, tenantNames } from "../local/naming.ts";
import { PostgresTenant, postgresTenantArgs } from "../local/postgres-tenant.ts";
import { type CloudTenantArgs, checkTenantArgs } from "./cloud-args.ts";
import type { DatabaseEndpoint } from "./connection.ts";
import type { DatabaseOutput, WorkloadIdentity } from "./outputs.ts";
import { RUNTIME_SERVICE_ACCOUNT, tenantNamespaceObjects } from "./tenant-namespace.ts";

/** Every cloud database here listens on PostgreSQL's own port. */
export const POSTGRES_PORT = 5432;

export function databaseOutput(
  host: pulumi.Input<string>,
  database: pulumi.Input<string>,
  schema: string,
  user: pulumi.Input<string>,
): pulumi.Output<DatabaseOutput> {
  return pulumi.all([host, database, user]).apply(([h, name, u]) => ({
    host: h,
    port: POSTGRES_PORT,
    name,
    schema,
    user: u,
  }));
}

/** The runtime's service account in `namespace`, bound to the cloud identity `identity` names. */
export function runtimeWorkloadIdentity(
  namespace: string,
  identity: pulumi.Output<string>,
  bind: (identity: string) => Pick<WorkloadIdentity, "annotations" | "podLabels">,
): pulumi.Output<WorkloadIdentity> {
  return identity.apply(
    (id): WorkloadIdentity => ({ namespace, serviceAccount: RUNTIME_SERVICE_ACCOUNT, ...bind(id) }),
  );
}

export type PoolTier = "professional" | "starter";

/** What a pooled tenant needs of its pool platform on either cloud. */
export interface PoolPlatformBase {
  readonly platformId: string;
  readonly region: string;
  /** The platform network's range: pooled namespaces may send traffic there. */
  readonly addressSpace: string;
  readonly kubeconfig: pulumi.Input<string>;
  readonly postgresHost: pulumi.Input<string>;
  /** postgres://admin:password@host:5432/postgres?sslmode=require (secret): creates tenant roles. */
  readonly postgresAdminUrl: pulumi.Input<string>;
}

export interface PoolTenantArgs extends CloudTenantArgs {
  readonly platform: PoolPlatformBase;
}

/** Checks a pooled tenant's args and that it is in its platform's region; returns its tier and names. */
export function checkPoolTenant(
  args: PoolTenantArgs,
  cloud: Cloud,
  component: string,
): { tier: PoolTier; names: TenantNames } {
  checkTenantArgs(args, cloud, ["professional", "starter"], component);
  const { profile, platform } = args;
  if (profile.region !== platform.region) {
    throw new Error(
      `${component}: profile.region "${profile.region}" is not the region of pool platform ${platform.platformId} ("${platform.region}")`,
    );
  }
  const tier = profile.tier as PoolTier;
  return { tier, names: tenantNames(args.tenantId, tier) };
}

export interface PoolTenantBase {
  /** The tenant's namespace in the pool cluster. */
  readonly namespace: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly database: pulumi.Output<DatabaseOutput>;
  /** For connectionData: the pool database with the tenant's own login. */
  readonly databaseEndpoint: DatabaseEndpoint;
}

/**
 * Declares a pooled tenant's namespace (quota, limit range, network policy) in the pool cluster and
 * its role and schema (or shared-schema membership) in the pool database, under `parent`.
 */
export function poolTenantBase(
  name: string,
  args: PoolTenantArgs,
  pool: { tier: PoolTier; names: TenantNames; costCenterLabel: string },
  parent: pulumi.ComponentResource,
): PoolTenantBase {
  const { tenantId, profile, platform } = args;
  const { tier, names } = pool;
  const cluster = new k8s.Provider(
    `${name}-cluster`,
    { kubeconfig: pulumi.secret(platform.kubeconfig), enableSecretMutable: true },
    { parent },
  );
  const namespace = tenantNamespaceObjects(
    name,
    {
      namespace: names.namespace,
      tenantId,
      tier,
      limits: args.limits,
      labels: { "wspec.io/cost-center": pool.costCenterLabel },
      egressCidrs: [platform.addressSpace],
    },
    { parent, provider: cluster },
  );
  // Protect the tenant's data from deletion through Pulumi when its profile asks.
  const pg = new PostgresTenant(
    `${name}-postgres`,
    postgresTenantArgs(platform.postgresAdminUrl, tier, names),
    { parent, protect: profile.deletionProtection },
  );
  return {
    namespace,
    kubeconfig: pulumi.secret(pulumi.output(platform.kubeconfig)),
    database: databaseOutput(platform.postgresHost, POOL_DATABASE, names.schema, pg.role),
    databaseEndpoint: {
      host: platform.postgresHost,
      port: POSTGRES_PORT,
      name: POOL_DATABASE,
      schema: names.schema,
      user: pg.role,
      password: pg.password,
    },
  };
}
