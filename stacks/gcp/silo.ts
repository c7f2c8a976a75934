// An enterprise tenant's own GCP estate in the tenant's region: VPC with Cloud NAT and private
// services access, GKE with private nodes and workload identity, Cloud SQL for PostgreSQL and a
// GCS bucket and Memorystore all under the tenant's KMS key, and a runtime service account whose
// roles reach only this bucket and key.
import * as kms from "@pulumi/gcp/kms/index.js";
import * as sql from "@pulumi/gcp/sql/index.js";
import * as pulumi from "@pulumi/pulumi";
import { tenantNames } from "../local/naming.ts";
import { type CloudTenantArgs, checkTenantArgs, tenantTagInput } from "../shared/cloud-args.ts";
import { databaseOutput, POSTGRES_PORT, runtimeWorkloadIdentity } from "../shared/cloud-tenant.ts";
import { connectionData } from "../shared/connection.ts";
import { resourceName, tenantLabels, tierSizing } from "../shared/index.ts";
import type { DatabaseOutput, WorkloadIdentity } from "../shared/outputs.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import { storageDataAccessLogs } from "./audit.ts";
import { documentBucket } from "./bucket.ts";
import { cloudSqlInstance } from "./cloud-sql.ts";
import { gkeCluster, gkeKubeconfig } from "./cluster.ts";
import { cryptoKey, grantAgents, serviceAgents } from "./kms.ts";
import { MEMORYSTORE_TLS_PORT, memorystore, memorystoreAuth, memorystoreCa } from "./memorystore.ts";
import { DEFAULT_GCP_ADDRESS_SPACE, gcpNetwork, gcpSubnetPlan } from "./network.ts";
import { gkeWorkloadBinding, runtimeAccount } from "./runtime-account.ts";
import type { GcpTenantOutputs } from "./types.ts";

export const GCP_SILO_TYPE = "wspec:gcp:TenantSilo";

export interface GcpTenantSiloArgs extends CloudTenantArgs {
  /** The project the silo is created in (one project may hold several silos). */
  readonly project: string;
  /** A /16 for the tenant's VPC. @default DEFAULT_GCP_ADDRESS_SPACE */
  readonly addressSpace?: string;
}

export class GcpTenantSilo extends pulumi.ComponentResource implements GcpTenantOutputs {
  public readonly tenantId: string;
  public readonly tier: "enterprise";
  public readonly region: string;
  public readonly namespace: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly database: pulumi.Output<DatabaseOutput>;
  public readonly redis: pulumi.Output<{ host: string; port: number; keyPrefix: string }>;
  public readonly storage: pulumi.Output<{ bucket: string; project: string }>;
  public readonly encryptionKey: pulumi.Output<{ keyId: string }>;
  public readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  /** The runtime's connection Secret data (locationFromSecret keys): a secret output. */
  public readonly connection: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: GcpTenantSiloArgs, opts?: pulumi.ComponentResourceOptions) {
    super(GCP_SILO_TYPE, name, {}, opts);
    checkTenantArgs(args, "gcp", ["enterprise"], "GcpTenantSilo");
    if (!args.project) throw new Error("GcpTenantSilo: project is required");
    const { tenantId, profile, project } = args;
    const region = profile.region;
    const plan = gcpSubnetPlan(args.addressSpace ?? DEFAULT_GCP_ADDRESS_SPACE);
    const sizing = tierSizing("enterprise");
    const names = tenantNames(tenantId, "enterprise");
    const labels = tenantLabels(tenantTagInput(args, "enterprise"));
    const parent = { parent: this };
    this.tenantId = tenantId;
    this.tier = "enterprise";
    this.region = region;

    const net = gcpNetwork(
      name,
      { project, region, networkName: resourceName(tenantId, "vpc", "gcpGeneric"), plan, labels },
      parent,
    );

    // Keys: the tenant's ring and key, usable by the agents that encrypt its data.
    const ring = new kms.KeyRing(
      `${name}-keyring`,
      { project, location: region, name: resourceName(tenantId, "keys", "gcpKmsKeyRing") },
      { parent: this, retainOnDelete: true },
    );
    const key = cryptoKey(`${name}-key`, { keyRingId: ring.id, keyName: "tenant-data", labels }, parent);
    const agents = serviceAgents(name, project, this);
    const agentAccess = grantAgents(`${name}-key-agent`, key.id, agents, parent);
    const afterKeyAccess = { parent: this, dependsOn: agentAccess };

    const gke = gkeCluster(
      `${name}-gke`,
      {
        project,
        region,
        clusterName: resourceName(tenantId, "gke", "gcpGkeCluster"),
        nodeAccountId: resourceName(tenantId, "nodes", "gcpServiceAccountId"),
        networkId: net.network.id,
        subnetworkId: net.subnetwork.id,
        masterCidr: plan.master,
        privateEndpoint: profile.privateOnly,
        secretsKeyId: key.id,
        sizing,
        deletionProtection: profile.deletionProtection,
        labels,
      },
      afterKeyAccess,
    );

    storageDataAccessLogs(`${name}-storage-audit`, project, parent);
    const bucket = documentBucket(
      `${name}-documents`,
      {
        project,
        region,
        bucketName: resourceName(tenantId, `docs-${project}`, "gcsBucket"),
        kmsKeyId: key.id,
        objectLock: profile.objectLock,
        labels,
      },
      afterKeyAccess,
    );

    const instance = cloudSqlInstance(
      `${name}-postgres`,
      {
        project,
        region,
        instanceName: resourceName(tenantId, "pg", "gcpCloudSqlInstance"),
        networkId: net.network.id,
        encryptionKeyId: key.id,
        sizing,
        backupRetentionDays: profile.backupRetentionDays,
        pointInTimeRecovery: true,
        highAvailability: true,
        deletionProtection: profile.deletionProtection,
        labels,
      },
      { parent: this, dependsOn: [...agentAccess, net.privateServices] },
    );
    const database = new sql.Database(
      `${name}-database`,
      { project, instance: instance.name, name: names.database, charset: "UTF8", collation: "en_US.UTF8" },
      parent,
    );
    const password = new RandomSecret(`${name}-postgres-password`, {}, parent);
    const user = new sql.User(
      `${name}-postgres-user`,
      { project, instance: instance.name, name: names.role, type: "BUILT_IN", password: password.value },
      parent,
    );

    const cache = memorystore(
      `${name}-redis`,
      {
        project,
        region,
        instanceName: resourceName(tenantId, "redis", "gcpMemorystore"),
        networkId: net.network.id,
        kmsKeyId: key.id,
        sizing,
        deletionProtection: profile.deletionProtection,
        labels,
      },
      { parent: this, dependsOn: [...agentAccess, net.privateServices] },
    );

    // The runtime's identity: the namespace's service account acts as it; its roles reach this
    // bucket and this key only.
    const runtime = runtimeAccount(
      name,
      {
        project,
        tenantId,
        displayName: `wspec runtime of tenant ${tenantId}`,
        workloadPool: gke.workloadPool,
        namespace: names.namespace,
        bucketName: bucket.name,
        keyId: key.id,
        // The identity pool exists once the cluster does.
        identityDependsOn: [gke.cluster],
      },
      this,
    );

    this.namespace = pulumi.output(names.namespace);
    this.kubeconfig = gkeKubeconfig(gke.cluster);
    this.database = databaseOutput(instance.privateIpAddress, database.name, names.schema, user.name);
    this.redis = cache.host.apply((host) => ({
      host,
      port: MEMORYSTORE_TLS_PORT,
      keyPrefix: names.keyPrefix,
    }));
    this.storage = bucket.name.apply((b) => ({ bucket: b, project }));
    this.encryptionKey = key.id.apply((keyId) => ({ keyId }));
    this.workloadIdentity = runtimeWorkloadIdentity(names.namespace, runtime.email, gkeWorkloadBinding);
    this.connection = connectionData({
      tenantId,
      tier: "enterprise",
      database: {
        host: instance.privateIpAddress,
        port: POSTGRES_PORT,
        name: names.database,
        schema: names.schema,
        user: user.name,
        password: password.value,
      },
      redis: {
        host: cache.host,
        port: MEMORYSTORE_TLS_PORT,
        user: "",
        password: memorystoreAuth(cache),
        keyPrefix: names.keyPrefix,
      },
      storage: { STORAGE_KIND: "gcs", STORAGE_BUCKET: bucket.name, STORAGE_PROJECT_ID: project },
      extra: { REDIS_TLS_CA: memorystoreCa(cache) },
      limits: args.limits,
    });
    this.registerOutputs({
      namespace: this.namespace,
      kubeconfig: this.kubeconfig,
      database: this.database,
      redis: this.redis,
      storage: this.storage,
      encryptionKey: this.encryptionKey,
      workloadIdentity: this.workloadIdentity,
      connection: this.connection,
    });
  }
}
