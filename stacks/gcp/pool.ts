// A professional or starter tenant on the shared GCP platform: a namespace with quota, limit range
// and network policy in the pool's GKE; its role and schema (or shared-schema membership) in the
// pool database; its own bucket (GCS has no per-prefix encryption or clean per-prefix listing, so
// a bucket is the pooled unit, as a container is on Azure) under the platform key or, when its
// profile asks, its own key; and a runtime service account bound to that bucket and key only.

import * as storage from "@pulumi/gcp/storage/index.js";
import * as pulumi from "@pulumi/pulumi";
import { type CloudTenantArgs, tenantTagInput } from "../shared/cloud-args.ts";
import { checkPoolTenant, poolTenantBase, runtimeWorkloadIdentity } from "../shared/cloud-tenant.ts";
import { connectionData } from "../shared/connection.ts";
import { resourceName, tenantLabels } from "../shared/index.ts";
import type { DatabaseOutput, WorkloadIdentity } from "../shared/outputs.ts";
import { documentBucket } from "./bucket.ts";
import { cryptoKey, grantAgents } from "./kms.ts";
import { MEMORYSTORE_TLS_PORT } from "./memorystore.ts";
import type { GcpPoolPlatformRef } from "./platform.ts";
import { gkeWorkloadBinding, runtimeAccount } from "./runtime-account.ts";
import type { GcpTenantOutputs } from "./types.ts";

export const GCP_POOL_TENANT_TYPE = "wspec:gcp:PoolTenant";

export interface GcpPoolTenantArgs extends CloudTenantArgs {
  readonly platform: GcpPoolPlatformRef;
}

export class GcpPoolTenant extends pulumi.ComponentResource implements GcpTenantOutputs {
  public readonly tenantId: string;
  public readonly tier: "professional" | "starter";
  public readonly region: string;
  public readonly namespace: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly database: pulumi.Output<DatabaseOutput>;
  public readonly storage: pulumi.Output<{ bucket: string; project: string }>;
  /** The key the tenant's bucket is encrypted with (its own, or the platform's). */
  public readonly encryptionKey: pulumi.Output<{ keyId: string; dedicated: boolean }>;
  public readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  public readonly connection: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: GcpPoolTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super(GCP_POOL_TENANT_TYPE, name, {}, opts);
    const { tier, names } = checkPoolTenant(args, "gcp", "GcpPoolTenant");
    const { tenantId, profile, platform } = args;
    const { project } = platform;
    const labels = tenantLabels(tenantTagInput(args, tier));
    const parent = { parent: this };
    const dataOpts = { parent: this, protect: profile.deletionProtection };
    this.tenantId = tenantId;
    this.tier = tier;
    this.region = platform.region;

    const base = poolTenantBase(
      name,
      args,
      { tier, names, costCenterLabel: labels["wspec-cost-center"] ?? tenantId },
      this,
    );

    // The tenant's own key when its profile asks; GCS's agent must be able to use it first.
    let keyId: pulumi.Input<string> = platform.platformKeyId;
    let bucketDeps: pulumi.Resource[] = [];
    const dedicatedKey = profile.customerManagedKeys;
    if (dedicatedKey) {
      const key = cryptoKey(
        `${name}-key`,
        { keyRingId: platform.keyRingId, keyName: resourceName(tenantId, "data", "gcpGeneric"), labels },
        dataOpts,
      );
      keyId = key.id;
      const gcsAgent = storage.getProjectServiceAccountOutput({ project }, parent).emailAddress;
      bucketDeps = grantAgents(`${name}-key-agent`, key.id, { storage: gcsAgent }, parent);
    }
    const bucket = documentBucket(
      `${name}-documents`,
      {
        project,
        region: platform.region,
        bucketName: resourceName(tenantId, `docs-${project}`, "gcsBucket"),
        kmsKeyId: keyId,
        objectLock: profile.objectLock,
        labels,
      },
      { ...dataOpts, dependsOn: bucketDeps },
    );

    const runtime = runtimeAccount(
      name,
      {
        project,
        tenantId,
        displayName: `wspec runtime of pooled tenant ${tenantId}`,
        workloadPool: platform.workloadPool,
        namespace: names.namespace,
        bucketName: bucket.name,
        ...(dedicatedKey ? { keyId } : {}),
      },
      this,
    );

    this.namespace = base.namespace;
    this.kubeconfig = base.kubeconfig;
    this.database = base.database;
    this.storage = bucket.name.apply((b) => ({ bucket: b, project }));
    this.encryptionKey = pulumi.output(keyId).apply((k) => ({ keyId: k, dedicated: dedicatedKey }));
    this.workloadIdentity = runtimeWorkloadIdentity(names.namespace, runtime.email, gkeWorkloadBinding);
    this.connection = connectionData({
      tenantId,
      tier,
      database: base.databaseEndpoint,
      redis: {
        host: platform.redisHost,
        port: MEMORYSTORE_TLS_PORT,
        user: "",
        password: platform.redisAuth,
        keyPrefix: names.keyPrefix,
      },
      storage: { STORAGE_KIND: "gcs", STORAGE_BUCKET: bucket.name, STORAGE_PROJECT_ID: project },
      extra: { REDIS_TLS_CA: platform.redisCa },
      limits: args.limits,
    });
    this.registerOutputs({
      namespace: this.namespace,
      database: this.database,
      storage: this.storage,
      encryptionKey: this.encryptionKey,
      workloadIdentity: this.workloadIdentity,
      connection: this.connection,
    });
  }
}
