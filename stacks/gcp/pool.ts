// A professional or starter tenant on the shared GCP platform: a namespace with quota, limit range
// and network policy in the pool's GKE; its role and schema (or shared-schema membership) in the
// pool database; its own bucket (GCS has no per-prefix encryption or clean per-prefix listing, so
// a bucket is the pooled unit, as a container is on Azure) under the platform key or, when its
// profile asks, its own key; and a runtime service account bound to that bucket and key only.

import * as kms from "@pulumi/gcp/kms/index.js";
import * as serviceaccount from "@pulumi/gcp/serviceaccount/index.js";
import * as storage from "@pulumi/gcp/storage/index.js";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { POOL_DATABASE, tenantNames } from "../local/naming.ts";
import { PostgresTenant } from "../local/postgres-tenant.ts";
import { type CloudTenantArgs, checkTenantArgs } from "../shared/cloud-args.ts";
import { connectionData } from "../shared/connection.ts";
import { resourceName, tenantLabels } from "../shared/index.ts";
import type { DatabaseOutput, WorkloadIdentity } from "../shared/outputs.ts";
import { RUNTIME_SERVICE_ACCOUNT, tenantNamespaceObjects } from "../shared/tenant-namespace.ts";
import { documentBucket } from "./bucket.ts";
import { cryptoKey, ENCRYPTER_DECRYPTER, grantAgents } from "./kms.ts";
import { MEMORYSTORE_TLS_PORT } from "./memorystore.ts";
import type { GcpPoolPlatformRef } from "./platform.ts";
import { OBJECT_ROLE, WORKLOAD_IDENTITY_USER } from "./silo.ts";
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
    checkTenantArgs(args, "gcp", ["professional", "starter"], "GcpPoolTenant");
    const { tenantId, profile, platform } = args;
    if (profile.region !== platform.region) {
      throw new Error(
        `GcpPoolTenant: profile.region "${profile.region}" is not the region of pool platform ${platform.platformId} ("${platform.region}")`,
      );
    }
    const { project } = platform;
    const tier = profile.tier as "professional" | "starter";
    const names = tenantNames(tenantId, tier);
    const labels = tenantLabels({
      tenantId,
      tier,
      environment: args.environment,
      ...(args.costCenter ? { costCenter: args.costCenter } : {}),
    });
    const parent = { parent: this };
    const dataOpts = { parent: this, protect: profile.deletionProtection };
    this.tenantId = tenantId;
    this.tier = tier;
    this.region = platform.region;

    const cluster = new k8s.Provider(
      `${name}-cluster`,
      { kubeconfig: pulumi.secret(platform.kubeconfig), enableSecretMutable: true },
      parent,
    );
    const namespace = tenantNamespaceObjects(
      name,
      {
        namespace: names.namespace,
        tenantId,
        tier,
        limits: args.limits,
        labels: { "wspec.io/cost-center": labels["wspec-cost-center"] ?? tenantId },
        egressCidrs: [platform.addressSpace],
      },
      { parent: this, provider: cluster },
    );

    const pg = new PostgresTenant(
      `${name}-postgres`,
      {
        adminUrl: platform.postgresAdminUrl,
        tier,
        database: names.database,
        schema: names.schema,
        role: names.role,
        dedicatedDatabase: names.dedicatedDatabase,
        dedicatedSchema: names.dedicatedSchema,
        ...(names.sharedGroup ? { sharedGroup: names.sharedGroup } : {}),
      },
      dataOpts,
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

    const runtime = new serviceaccount.Account(
      `${name}-runtime`,
      {
        project,
        accountId: resourceName(tenantId, "runtime", "gcpServiceAccountId"),
        displayName: `wspec runtime of pooled tenant ${tenantId}`,
      },
      parent,
    );
    const runtimeMember = pulumi.interpolate`serviceAccount:${runtime.email}`;
    new serviceaccount.IAMMember(
      `${name}-runtime-workload-identity`,
      {
        serviceAccountId: runtime.name,
        role: WORKLOAD_IDENTITY_USER,
        member: `serviceAccount:${platform.workloadPool}[${names.namespace}/${RUNTIME_SERVICE_ACCOUNT}]`,
      },
      parent,
    );
    new storage.BucketIAMMember(
      `${name}-runtime-objects`,
      { bucket: bucket.name, role: OBJECT_ROLE, member: runtimeMember },
      parent,
    );
    if (dedicatedKey) {
      new kms.CryptoKeyIAMMember(
        `${name}-runtime-key`,
        { cryptoKeyId: keyId, role: ENCRYPTER_DECRYPTER, member: runtimeMember },
        parent,
      );
    }

    this.namespace = namespace;
    this.kubeconfig = pulumi.secret(pulumi.output(platform.kubeconfig));
    this.database = pulumi.all([platform.postgresHost, pg.role]).apply(([host, user]) => ({
      host,
      port: 5432,
      name: POOL_DATABASE,
      schema: names.schema,
      user,
    }));
    this.storage = bucket.name.apply((b) => ({ bucket: b, project }));
    this.encryptionKey = pulumi.output(keyId).apply((k) => ({ keyId: k, dedicated: dedicatedKey }));
    this.workloadIdentity = runtime.email.apply(
      (email): WorkloadIdentity => ({
        namespace: names.namespace,
        serviceAccount: RUNTIME_SERVICE_ACCOUNT,
        annotations: { "iam.gke.io/gcp-service-account": email },
        podLabels: {},
      }),
    );
    this.connection = connectionData({
      tenantId,
      tier,
      database: {
        host: platform.postgresHost,
        port: 5432,
        name: POOL_DATABASE,
        schema: names.schema,
        user: pg.role,
        password: pg.password,
      },
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
