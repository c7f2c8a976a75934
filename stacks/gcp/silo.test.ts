// The GCP enterprise silo's resource graph under Pulumi mocks: the tenant key wired into Cloud SQL,
// GCS, Memorystore and GKE secrets; nothing public; TLS; the tenant's region; the profile's backup
// days; deletion protection; IAM on one bucket and one key; labels; and the runtime's connection keys.
import { beforeAll, describe, expect, it } from "vitest";
import { parseComplianceProfileSpec } from "../../crds/parse.ts";
import type { ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import { evaluateResources } from "../../policies/evaluate.ts";
import { locationFromSecret } from "../../runtime/db/tenant-registry.ts";
import { type StackProfile, stackProfile, tenantLabels } from "../shared/index.ts";
import { capture, type Graph, ruleResources, value } from "../shared/testing/mock-graph.ts";
import { NODE_PROJECT_ROLES } from "./cluster.ts";
import { GCS_AGENT, installGcpMocks, PROJECT_NUMBER, REDIS_CA, SQL_AGENT } from "./mocks.ts";
import { GcpTenantSilo, type GcpTenantSiloArgs } from "./silo.ts";

const LIMITS = { storageGiB: 1000, documents: 5_000_000, requestsPerHour: 100_000 };

const PROFILE_SPEC = {
  frameworks: ["GDPR", "SOX", "HIPAA"],
  allowedRegions: { gcp: ["europe-*"] },
  encryption: { customerManagedKeys: true },
  backups: { retentionDays: 30, pointInTimeRecovery: true },
  retention: { documentDays: 3650 },
} satisfies ComplianceProfileSpecInput;

function profile(
  over: { frameworks?: ("SOX" | "GDPR" | "HIPAA")[]; retentionDays?: number } = {},
): StackProfile {
  return stackProfile(
    { tier: "enterprise", cloud: "gcp", region: "europe-west3" },
    {
      ...PROFILE_SPEC,
      frameworks: over.frameworks ?? PROFILE_SPEC.frameworks,
      backups: { ...PROFILE_SPEC.backups, retentionDays: over.retentionDays ?? 30 },
    },
  );
}

function args(over: Partial<GcpTenantSiloArgs> = {}): GcpTenantSiloArgs {
  return {
    tenantId: "acme-bank",
    project: "wspec-prod",
    profile: profile(),
    environment: "prod",
    costCenter: "CC 42",
    limits: LIMITS,
    ...over,
  };
}

const T = {
  key: "gcp:kms/cryptoKey:CryptoKey",
  ring: "gcp:kms/keyRing:KeyRing",
  keyIam: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
  bucket: "gcp:storage/bucket:Bucket",
  bucketIam: "gcp:storage/bucketIAMMember:BucketIAMMember",
  sql: "gcp:sql/databaseInstance:DatabaseInstance",
  redis: "gcp:redis/instance:Instance",
  cluster: "gcp:container/cluster:Cluster",
  nodePool: "gcp:container/nodePool:NodePool",
  subnet: "gcp:compute/subnetwork:Subnetwork",
  nat: "gcp:compute/routerNat:RouterNat",
  account: "gcp:serviceaccount/account:Account",
  saIam: "gcp:serviceaccount/iAMMember:IAMMember",
  projectIam: "gcp:projects/iAMMember:IAMMember",
} as const;

async function build(a: GcpTenantSiloArgs) {
  const { result: silo, graph } = await capture((o) => new GcpTenantSilo(a.tenantId, a, o));
  return { silo, graph, connection: await value(silo.connection) };
}

beforeAll(async () => {
  await installGcpMocks();
});

describe("GcpTenantSilo", { timeout: 30_000 }, () => {
  let graph: Graph;
  let silo: GcpTenantSilo;
  let connection: Record<string, string>;
  beforeAll(async () => {
    ({ graph, silo, connection } = await build(args()));
  }, 30_000);

  it("encrypts Cloud SQL, the bucket, Memorystore and GKE secrets with the tenant's key", () => {
    const key = graph.one(T.key);
    expect(graph.one(T.sql).inputs.encryptionKeyName).toBe(key.id);
    expect(graph.one(T.bucket).inputs.encryption).toEqual({ defaultKmsKeyName: key.id });
    expect(graph.one(T.redis).inputs.customerManagedKey).toBe(key.id);
    expect(graph.one(T.cluster).inputs.databaseEncryption).toEqual({ state: "ENCRYPTED", keyName: key.id });
    expect(key.inputs).toMatchObject({
      keyRing: graph.one(T.ring).id,
      rotationPeriod: "7776000s",
      purpose: "ENCRYPT_DECRYPT",
      versionTemplate: { protectionLevel: "HSM" },
    });
  });

  it("lets exactly the encrypting service agents and the runtime use the key, each bound on that key", () => {
    const key = graph.one(T.key);
    const bindings = graph.byType(T.keyIam).map((b) => b.inputs);
    for (const b of bindings)
      expect(b).toMatchObject({ cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter" });
    expect(bindings.map((b) => b.member).sort()).toEqual(
      [
        `serviceAccount:${SQL_AGENT}`,
        `serviceAccount:${GCS_AGENT}`,
        `serviceAccount:service-${PROJECT_NUMBER}@cloud-redis.iam.gserviceaccount.com`,
        `serviceAccount:service-${PROJECT_NUMBER}@container-engine-robot.iam.gserviceaccount.com`,
        "serviceAccount:acme-bank-runtime@wspec-prod.iam.gserviceaccount.com",
      ].sort(),
    );
  });

  it("keeps the bucket private: uniform access, public access prevention enforced, versioned, tiered at 90/365 days", () => {
    expect(graph.one(T.bucket).inputs).toMatchObject({
      location: "europe-west3",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: true },
      forceDestroy: false,
      lifecycleRules: [
        { action: { type: "SetStorageClass", storageClass: "NEARLINE" }, condition: { age: 90 } },
        { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { age: 365 } },
      ],
    });
  });

  it("sets a retention policy for the document retention when the profile has SOX, and none otherwise", async () => {
    expect(graph.one(T.bucket).inputs.retentionPolicy).toEqual({
      retentionPeriod: String(3650 * 86_400),
      isLocked: false,
    });
    const { graph: plain } = await build(
      args({ tenantId: "no-worm", profile: profile({ frameworks: ["GDPR"] }) }),
    );
    expect(plain.one(T.bucket).inputs).not.toHaveProperty("retentionPolicy");
  });

  it("runs PostgreSQL 15 on a private address only, TLS required, backups for the profile's days with PITR, protected", () => {
    const sql = graph.one(T.sql).inputs as Record<string, unknown> & { settings: Record<string, unknown> };
    expect(sql).toMatchObject({
      databaseVersion: "POSTGRES_15",
      region: "europe-west3",
      deletionProtection: true,
    });
    expect(sql.settings).toMatchObject({
      availabilityType: "REGIONAL",
      deletionProtectionEnabled: true,
      ipConfiguration: {
        ipv4Enabled: false,
        privateNetwork: graph.one("gcp:compute/network:Network").id,
        sslMode: "ENCRYPTED_ONLY",
      },
      backupConfiguration: {
        enabled: true,
        pointInTimeRecoveryEnabled: true,
        location: "europe-west3",
        backupRetentionSettings: { retainedBackups: 30, retentionUnit: "COUNT" },
        transactionLogRetentionDays: 7,
      },
    });
  });

  it("keeps the tier's floor of backup days when the profile asks for fewer", async () => {
    const { graph: g } = await build(
      args({ tenantId: "short-keep", profile: profile({ retentionDays: 3 }) }),
    );
    const settings = g.one(T.sql).inputs.settings as { backupConfiguration: Record<string, unknown> };
    expect(settings.backupConfiguration).toMatchObject({
      backupRetentionSettings: { retainedBackups: 14 },
      transactionLogRetentionDays: 7,
    });
  });

  it("runs Memorystore privately with AUTH, TLS in transit and no eviction", () => {
    expect(graph.one(T.redis).inputs).toMatchObject({
      region: "europe-west3",
      connectMode: "PRIVATE_SERVICE_ACCESS",
      authEnabled: true,
      transitEncryptionMode: "SERVER_AUTHENTICATION",
      redisConfigs: { "maxmemory-policy": "noeviction" },
      deletionProtection: true,
    });
  });

  it("runs GKE with private nodes, workload identity, Dataplane V2, deletion protection, and a hardened node pool", () => {
    expect(graph.one(T.cluster).inputs).toMatchObject({
      location: "europe-west3",
      privateClusterConfig: { enablePrivateNodes: true },
      workloadIdentityConfig: { workloadPool: "wspec-prod.svc.id.goog" },
      datapathProvider: "ADVANCED_DATAPATH",
      removeDefaultNodePool: true,
      deletionProtection: true,
    });
    expect(graph.one(T.nodePool).inputs).toMatchObject({
      location: "europe-west3",
      autoscaling: { totalMinNodeCount: 3, totalMaxNodeCount: 10 },
      nodeConfig: {
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        serviceAccount: "acme-bank-nodes@wspec-prod.iam.gserviceaccount.com",
      },
    });
  });

  it("gives nodes private Google access and egress through Cloud NAT", () => {
    expect(graph.one(T.subnet).inputs).toMatchObject({
      region: "europe-west3",
      privateIpGoogleAccess: true,
      ipCidrRange: "10.50.0.0/20",
    });
    expect(graph.one(T.nat).inputs).toMatchObject({
      region: "europe-west3",
      natIpAllocateOption: "AUTO_ONLY",
    });
  });

  it("scopes the runtime's IAM to its bucket and key; only node log/metric writers hold project roles", async () => {
    const runtime = graph.named(T.account, "-runtime");
    const member = "serviceAccount:acme-bank-runtime@wspec-prod.iam.gserviceaccount.com";
    expect(graph.one(T.bucketIam).inputs).toEqual({
      bucket: graph.one(T.bucket).inputs.name,
      role: "roles/storage.objectUser",
      member,
    });
    expect(graph.one(T.saIam).inputs).toEqual({
      serviceAccountId: `projects/wspec-prod/serviceAccounts/acme-bank-runtime@wspec-prod.iam.gserviceaccount.com`,
      role: "roles/iam.workloadIdentityUser",
      member: "serviceAccount:wspec-prod.svc.id.goog[tenant-acme-bank/wspec-runtime]",
    });
    void runtime;
    const projectGrants = graph.byType(T.projectIam).map((g) => g.inputs);
    expect(projectGrants.map((g) => g.role).sort()).toEqual([...NODE_PROJECT_ROLES].sort());
    for (const g of projectGrants)
      expect(g.member).toBe("serviceAccount:acme-bank-nodes@wspec-prod.iam.gserviceaccount.com");
    expect(await value(silo.workloadIdentity)).toEqual({
      namespace: "tenant-acme-bank",
      serviceAccount: "wspec-runtime",
      annotations: {
        "iam.gke.io/gcp-service-account": "acme-bank-runtime@wspec-prod.iam.gserviceaccount.com",
      },
      podLabels: {},
    });
  });

  it("puts every regional resource in the tenant's region", () => {
    const regional = graph.all.filter((r) => "region" in r.inputs || "location" in r.inputs);
    expect(regional.length).toBeGreaterThanOrEqual(8);
    for (const r of regional) {
      const where = r.inputs.region ?? r.inputs.location;
      expect({ r: `${r.type} ${r.name}`, where }).toEqual({
        r: `${r.type} ${r.name}`,
        where: "europe-west3",
      });
    }
  });

  it("labels every labelable resource with tenant, tier, environment and cost center", () => {
    const labels = tenantLabels({
      tenantId: "acme-bank",
      tier: "enterprise",
      environment: "prod",
      costCenter: "CC 42",
    });
    expect(labels["wspec-cost-center"]).toBe("cc_42");
    expect(graph.one(T.bucket).inputs.labels).toEqual(labels);
    expect(graph.one(T.key).inputs.labels).toEqual(labels);
    expect(graph.one(T.redis).inputs.labels).toEqual(labels);
    expect(graph.one(T.cluster).inputs.resourceLabels).toEqual(labels);
    expect((graph.one(T.sql).inputs.settings as { userLabels: unknown }).userLabels).toEqual(labels);
    expect((graph.one(T.nodePool).inputs.nodeConfig as { resourceLabels: unknown }).resourceLabels).toEqual(
      labels,
    );
    expect(graph.one("gcp:compute/globalAddress:GlobalAddress").inputs.labels).toEqual(labels);
  });

  it("hands the runtime the local stack's connection keys, which locationFromSecret accepts", () => {
    const { val, err } = locationFromSecret(connection);
    expect(err).toBeUndefined();
    expect(val).toMatchObject({
      slug: "acme-bank",
      placement: "database",
      database: {
        host: "10.50.128.3",
        name: "tenant_acme_bank",
        schema: "tenant_acme_bank",
        user: "tenant_acme_bank",
        password: "random-acme-bank-postgres-password",
      },
      redis: { url: "rediss://:auth-acme-bank-redis@10.50.129.4:6378", keyPrefix: "t:acme-bank:" },
    });
    expect(connection).toMatchObject({
      STORAGE_KIND: "gcs",
      STORAGE_PROJECT_ID: "wspec-prod",
      REDIS_TLS_CA: REDIS_CA,
    });
    expect(connection.STORAGE_BUCKET).toBe(graph.one(T.bucket).inputs.name);
    expect(graph.one("gcp:sql/user:User").inputs).toMatchObject({
      name: "tenant_acme_bank",
      type: "BUILT_IN",
    });
  });

  it("declares every child under the component", () => {
    expect(graph.unparented()).toEqual([]);
  });

  it("passes the policy pack's rules for its profile, and fails data residency outside the EU", async () => {
    const parsed = parseComplianceProfileSpec(PROFILE_SPEC);
    if (!parsed.ok) throw new Error("test profile is invalid");
    const tenant = {
      tier: "enterprise",
      cloud: "gcp",
      region: "europe-west3",
      deletionPolicy: "Retain",
    } as const;
    const ctx = { profileName: "eu-regulated", profile: parsed.value, tenant };
    expect(evaluateResources(ruleResources(graph), ctx)).toEqual([]);
    // The same program in a US region (the shared stackProfile would refuse it: built by hand here).
    const us = { ...profile(), region: "us-central1" };
    const { graph: g } = await build(args({ tenantId: "us-silo", profile: us }));
    const residency = evaluateResources(ruleResources(g), ctx).filter((f) => f.rule === "data-residency");
    expect(residency.map((f) => f.type)).toEqual(
      expect.arrayContaining([T.sql, T.bucket, T.redis, T.cluster]),
    );
    expect(residency.find((f) => f.type === T.sql)?.message).toContain('"us-central1" not in [europe-*]');
  });

  it("refuses another cloud's profile, naming the field", () => {
    const azure = stackProfile(
      { tier: "enterprise", cloud: "azure", region: "westeurope" },
      { frameworks: ["GDPR"], allowedRegions: { azure: ["westeurope"] } },
    );
    expect(() => new GcpTenantSilo("x", args({ tenantId: "x", profile: azure }))).toThrow(
      'GcpTenantSilo: profile.cloud "azure" must be "gcp" for GcpTenantSilo',
    );
  });
});
