// The shared GCP platform professional and starter tenants are pooled on: one VPC, GKE, Cloud SQL
// with the pool database, Memorystore, and a key ring with the platform key (tenant buckets
// default to it; a tenant whose profile asks for its own key gets one in the same ring). It is its
// own stack; tenant stacks receive its `ref` (directly, or through a StackReference).
import * as kms from "@pulumi/gcp/kms/index.js";
import * as sql from "@pulumi/gcp/sql/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../../crds/constants.ts";
import { POOL_DATABASE } from "../local/naming.ts";
import { checkPoolPlatformArgs } from "../shared/cloud-args.ts";
import type { PoolPlatformBase } from "../shared/cloud-tenant.ts";
import { labelValue, resourceName, TAG_KEYS, tenantLabels, tierSizing } from "../shared/index.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import { storageDataAccessLogs } from "./audit.ts";
import { cloudSqlInstance } from "./cloud-sql.ts";
import { gkeCluster, gkeKubeconfig } from "./cluster.ts";
import { cryptoKey, grantAgents, serviceAgents } from "./kms.ts";
import { MEMORYSTORE_TLS_PORT, memorystore, memorystoreAuth, memorystoreCa } from "./memorystore.ts";
import { DEFAULT_GCP_ADDRESS_SPACE, gcpNetwork, gcpSubnetPlan } from "./network.ts";

export const GCP_POOL_PLATFORM_TYPE = "wspec:gcp:PoolPlatform";
export const POOL_ADMIN_USER = "wspecadmin";

export interface GcpPoolPlatformArgs {
  /** Names the platform's resources like a tenant id does (1-40 of [a-z0-9-], e.g. "pool-euw3"). */
  readonly platformId: string;
  readonly project: string;
  /** Every pooled tenant on it lives in this region. */
  readonly region: string;
  readonly environment: string;
  readonly costCenter?: string;
  /** Sizes the platform. @default "professional" */
  readonly sizingTier?: Exclude<Tier, "enterprise">;
  /** At least the longest retention any pooled tenant's profile asks for (1-365 daily backups). */
  readonly backupRetentionDays: number;
  /** @default true */
  readonly pointInTimeRecovery?: boolean;
  /** A private GKE control-plane endpoint. @default true */
  readonly privateEndpoint?: boolean;
  /** Cloud SQL, GKE and Memorystore deletion protection. @default true */
  readonly deletionProtection?: boolean;
  readonly addressSpace?: string;
}

/** What a pooled tenant's stack needs of the platform. Secrets stay secret through a StackReference. */
/** `addressSpace` is the VPC's range (Cloud SQL, Memorystore). */
export interface GcpPoolPlatformRef extends PoolPlatformBase {
  readonly project: string;
  readonly workloadPool: string;
  readonly keyRingId: pulumi.Input<string>;
  readonly platformKeyId: pulumi.Input<string>;
  readonly redisHost: pulumi.Input<string>;
  readonly redisAuth: pulumi.Input<string>;
  readonly redisCa: pulumi.Input<string>;
}

export class GcpPoolPlatform extends pulumi.ComponentResource {
  public readonly ref: GcpPoolPlatformRef;
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: GcpPoolPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(GCP_POOL_PLATFORM_TYPE, name, {}, opts);
    checkPlatformArgs(args);
    const { platformId, project, region } = args;
    const plan = gcpSubnetPlan(args.addressSpace ?? DEFAULT_GCP_ADDRESS_SPACE);
    const sizingTier = args.sizingTier ?? "professional";
    const sizing = tierSizing(sizingTier);
    const protect = args.deletionProtection ?? true;
    const labels = {
      ...tenantLabels({
        tenantId: platformId,
        tier: sizingTier,
        environment: args.environment,
        ...(args.costCenter ? { costCenter: args.costCenter } : {}),
      }),
      [TAG_KEYS.tier]: labelValue("pool"),
    };
    const parent = { parent: this };

    const net = gcpNetwork(
      name,
      { project, region, networkName: resourceName(platformId, "vpc", "gcpGeneric"), plan, labels },
      parent,
    );
    const ring = new kms.KeyRing(
      `${name}-keyring`,
      { project, location: region, name: resourceName(platformId, "keys", "gcpKmsKeyRing") },
      { parent: this, retainOnDelete: true },
    );
    const key = cryptoKey(`${name}-key`, { keyRingId: ring.id, keyName: "pool-data", labels }, parent);
    const agents = serviceAgents(name, project, this);
    const agentAccess = grantAgents(`${name}-key-agent`, key.id, agents, parent);

    const gke = gkeCluster(
      `${name}-gke`,
      {
        project,
        region,
        clusterName: resourceName(platformId, "gke", "gcpGkeCluster"),
        nodeAccountId: resourceName(platformId, "nodes", "gcpServiceAccountId"),
        networkId: net.network.id,
        subnetworkId: net.subnetwork.id,
        masterCidr: plan.master,
        privateEndpoint: args.privateEndpoint ?? true,
        secretsKeyId: key.id,
        sizing,
        deletionProtection: protect,
        labels,
      },
      { parent: this, dependsOn: agentAccess },
    );
    storageDataAccessLogs(`${name}-storage-audit`, project, parent);
    const instance = cloudSqlInstance(
      `${name}-postgres`,
      {
        project,
        region,
        instanceName: resourceName(platformId, "pg", "gcpCloudSqlInstance"),
        networkId: net.network.id,
        encryptionKeyId: key.id,
        sizing,
        backupRetentionDays: args.backupRetentionDays,
        pointInTimeRecovery: args.pointInTimeRecovery ?? true,
        highAvailability: sizing.dbInstances > 1,
        deletionProtection: protect,
        labels,
      },
      { parent: this, dependsOn: [...agentAccess, net.privateServices] },
    );
    new sql.Database(
      `${name}-pool-database`,
      { project, instance: instance.name, name: POOL_DATABASE, charset: "UTF8", collation: "en_US.UTF8" },
      parent,
    );
    // The admin creates each pooled tenant's role and schema (stacks/local PostgresTenant): roles
    // made through the Cloud SQL API would join cloudsqlsuperuser and see every tenant.
    const adminPassword = new RandomSecret(`${name}-postgres-admin`, {}, parent);
    new sql.User(
      `${name}-postgres-admin`,
      {
        project,
        instance: instance.name,
        name: POOL_ADMIN_USER,
        type: "BUILT_IN",
        password: adminPassword.value,
      },
      parent,
    );
    const cache = memorystore(
      `${name}-redis`,
      {
        project,
        region,
        instanceName: resourceName(platformId, "redis", "gcpMemorystore"),
        networkId: net.network.id,
        kmsKeyId: key.id,
        sizing,
        deletionProtection: protect,
        labels,
      },
      { parent: this, dependsOn: [...agentAccess, net.privateServices] },
    );

    this.kubeconfig = gkeKubeconfig(gke.cluster);
    this.ref = {
      platformId,
      project,
      region,
      addressSpace: plan.addressSpace,
      workloadPool: gke.workloadPool,
      keyRingId: ring.id,
      platformKeyId: key.id,
      postgresHost: instance.privateIpAddress,
      postgresAdminUrl: pulumi.secret(
        pulumi
          .all([instance.privateIpAddress, adminPassword.value])
          .apply(
            ([host, pw]) =>
              `postgres://${POOL_ADMIN_USER}:${encodeURIComponent(pw)}@${host}:5432/postgres?sslmode=require`,
          ),
      ),
      redisHost: cache.host,
      redisAuth: memorystoreAuth(cache),
      redisCa: memorystoreCa(cache),
      kubeconfig: this.kubeconfig,
    };
    this.registerOutputs({ ...this.ref, redisPort: MEMORYSTORE_TLS_PORT });
  }
}

function checkPlatformArgs(args: GcpPoolPlatformArgs): void {
  checkPoolPlatformArgs(
    "GcpPoolPlatform",
    args,
    { min: 1, max: 365, service: "Cloud SQL" },
    args.project ? [] : ["project is required"],
  );
}
