// The GCP pool under Pulumi mocks: the shared platform's security properties, and a pooled
// tenant's namespace isolation, PostgreSQL role, bucket, per-tenant key and scoped IAM.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { locationFromSecret } from "../../runtime/db/tenant-registry.ts";
import { type StackProfile, tenantLabels } from "../shared/index.ts";
import {
  captureTenant,
  gdprSoxFindings,
  onlyIn,
  type ProfileOptions,
  regionProfile,
  tenantArgs,
} from "../shared/testing/cloud-tenants.ts";
import { capture, type Graph, secretPaths, value } from "../shared/testing/mock-graph.ts";
import { GCS_AGENT, installGcpMocks } from "./mocks.ts";
import { GcpPoolPlatform, type GcpPoolPlatformArgs } from "./platform.ts";
import { GcpPoolTenant } from "./pool.ts";

const profile = (tier: "professional" | "starter", over: ProfileOptions = {}): StackProfile =>
  regionProfile("gcp", "europe-west3", tier, over);

const PLATFORM: GcpPoolPlatformArgs = {
  platformId: "pool-euw3",
  project: "wspec-pool",
  region: "europe-west3",
  environment: "prod",
  backupRetentionDays: 14,
};

const out = <T>(i: pulumi.Input<T>) => pulumi.output(i) as pulumi.Output<T>;

beforeAll(async () => {
  await installGcpMocks();
});

describe("GcpPoolPlatform", { timeout: 30_000 }, () => {
  let graph: Graph;
  let platform: GcpPoolPlatform;
  beforeAll(async () => {
    ({ result: platform, graph } = await capture((o) => new GcpPoolPlatform("pool-euw3", PLATFORM, o)));
  }, 30_000);

  it("encrypts Cloud SQL and Memorystore with the platform key; private, TLS, backups, protected", () => {
    const key = graph.one("gcp:kms/cryptoKey:CryptoKey");
    const sql = graph.one("gcp:sql/databaseInstance:DatabaseInstance").inputs;
    expect(sql).toMatchObject({
      encryptionKeyName: key.id,
      databaseVersion: "POSTGRES_15",
      deletionProtection: true,
      region: "europe-west3",
    });
    expect(sql.settings).toMatchObject({
      ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY" },
      backupConfiguration: {
        enabled: true,
        pointInTimeRecoveryEnabled: true,
        backupRetentionSettings: { retainedBackups: 14 },
      },
    });
    expect(graph.one("gcp:redis/instance:Instance").inputs).toMatchObject({
      customerManagedKey: key.id,
      authEnabled: true,
      transitEncryptionMode: "SERVER_AUTHENTICATION",
    });
    expect(graph.byType("gcp:sql/database:Database").map((d) => d.inputs.name)).toEqual(["wspec_pool"]);
  });

  it("declares every child under the component", () => {
    expect(graph.unparented()).toEqual([]);
  });

  it("keeps the admin URL, Redis AUTH and kubeconfig secret in its ref", async () => {
    expect(await value(out(platform.ref.postgresAdminUrl))).toBe(
      "postgres://wspecadmin:random-pool-euw3-postgres-admin@10.50.128.3:5432/postgres?sslmode=require",
    );
    for (const k of ["postgresAdminUrl", "redisAuth", "kubeconfig"] as const) {
      expect(await pulumi.isSecret(out(platform.ref[k]))).toBe(true);
    }
  });

  it("refuses bad args with every problem named", () => {
    expect(
      () =>
        new GcpPoolPlatform("bad", { ...PLATFORM, platformId: "Bad", project: "", backupRetentionDays: 0 }),
    ).toThrow(
      'GcpPoolPlatform: platformId "Bad" must be 1-40 lowercase letters, digits and inner hyphens; project is required; backupRetentionDays 0 must be an integer from 1 to 365 (Cloud SQL\'s range)',
    );
  });
});

describe("GcpPoolTenant", { timeout: 30_000 }, () => {
  let platform: GcpPoolPlatform;
  beforeAll(async () => {
    ({ result: platform } = await capture(
      () => new GcpPoolPlatform("pool-euw3-b", { ...PLATFORM, platformId: "pool-euw3-b" }),
    ));
  }, 30_000);

  const tenant = (tenantId: string, p: StackProfile) =>
    captureTenant(
      (o) => new GcpPoolTenant(tenantId, { ...tenantArgs(tenantId, p), platform: platform.ref }, o),
    );

  it("with customer-managed keys: its own key in the platform ring as the bucket default, GCS agent and runtime bound on it", async () => {
    const { graph } = await tenant("globex", profile("professional", { cmk: true }));
    const key = graph.one("gcp:kms/cryptoKey:CryptoKey");
    expect(key.inputs).toMatchObject({
      keyRing: await value(out(platform.ref.keyRingId)),
      rotationPeriod: "7776000s",
    });
    const bucket = graph.one("gcp:storage/bucket:Bucket");
    expect(bucket.inputs).toMatchObject({
      encryption: { defaultKmsKeyName: key.id },
      publicAccessPrevention: "enforced",
      uniformBucketLevelAccess: true,
      location: "europe-west3",
      labels: tenantLabels({ tenantId: "globex", tier: "professional", environment: "prod" }),
    });
    const keyBindings = graph.byType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map((b) => b.inputs);
    expect(keyBindings.map((b) => [b.cryptoKeyId, b.member]).sort()).toEqual(
      [
        [key.id, `serviceAccount:${GCS_AGENT}`],
        [key.id, "serviceAccount:globex-runtime@wspec-pool.iam.gserviceaccount.com"],
      ].sort(),
    );
    expect(graph.one("gcp:storage/bucketIAMMember:BucketIAMMember").inputs).toEqual({
      bucket: bucket.inputs.name,
      role: "roles/storage.objectUser",
      member: "serviceAccount:globex-runtime@wspec-pool.iam.gserviceaccount.com",
    });
    expect(graph.byType("gcp:projects/iAMMember:IAMMember")).toEqual([]);
  });

  it("without: the bucket defaults to the platform key, and the runtime holds no key role", async () => {
    const { graph } = await tenant("initech", profile("professional"));
    expect(graph.byType("gcp:kms/cryptoKey:CryptoKey")).toEqual([]);
    expect(graph.one("gcp:storage/bucket:Bucket").inputs.encryption).toEqual({
      defaultKmsKeyName: await value(out(platform.ref.platformKeyId)),
    });
    expect(graph.byType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")).toEqual([]);
    expect(graph.one("gcp:serviceaccount/iAMMember:IAMMember").inputs).toMatchObject({
      role: "roles/iam.workloadIdentityUser",
      member: "serviceAccount:wspec-pool.svc.id.goog[tenant-initech/wspec-runtime]",
    });
  });

  it("isolates the namespace in the pool cluster and reaches it with the platform's kubeconfig as a secret", async () => {
    const { graph } = await tenant("hooli", profile("starter"));
    const ns = graph.one("kubernetes:core/v1:Namespace").inputs as {
      metadata: { labels: Record<string, string> };
    };
    expect(ns.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "wspec.io/tier": "starter",
    });
    expect(graph.one("kubernetes:core/v1:ResourceQuota").inputs).toMatchObject({
      spec: { hard: { pods: "6" } },
    });
    expect(graph.byType("kubernetes:networking.k8s.io/v1:NetworkPolicy")).toHaveLength(2);
    expect(secretPaths(graph.one("pulumi:providers:kubernetes").raw)).toContain("kubeconfig");
  });

  it("starter: shared schema via the shared group; the connection passes locationFromSecret", async () => {
    const { graph, connection } = await tenant("tiny", profile("starter"));
    expect(graph.one("pulumi-nodejs:dynamic/local:PostgresTenant").inputs).toMatchObject({
      database: "wspec_pool",
      schema: "pool_shared",
      role: "tenant_tiny",
      sharedGroup: "pool_shared_member",
    });
    const { val, err } = locationFromSecret(connection);
    expect(err).toBeUndefined();
    expect(val).toMatchObject({
      placement: "shared",
      database: {
        host: "10.50.128.3",
        name: "wspec_pool",
        schema: "pool_shared",
        user: "tenant_tiny",
        password: "pw-tiny-postgres",
      },
      redis: { url: "rediss://:auth-pool-euw3-b-redis@10.50.129.4:6378", keyPrefix: "t:tiny:" },
    });
    expect(connection.STORAGE_KIND).toBe("gcs");
  });

  it("a SOX profile puts a retention policy on the tenant's bucket", async () => {
    const { graph } = await tenant("audited", profile("professional", { frameworks: ["SOX"] }));
    expect(graph.one("gcp:storage/bucket:Bucket").inputs.retentionPolicy).toEqual({
      retentionPeriod: String(365 * 86_400),
      isLocked: false,
    });
  });

  it("passes the policy pack's rules for a GDPR + SOX professional tenant", async () => {
    const { graph, findings } = await gdprSoxFindings("gcp", "europe-west3", tenant);
    // GCS object access is logged by the platform stack's project audit config, which a tenant
    // stack does not contain: the pack, seeing the tenant stack alone, reports the bucket.
    expect(findings.map((f) => [f.rule, f.type])).toEqual([["logging", "gcp:storage/bucket:Bucket"]]);
    expect(graph.unparented()).toEqual([]);
  });

  it("refuses a tenant in another region than the platform", () => {
    const elsewhere = onlyIn("gcp", "europe-west1", "professional");
    expect(() => new GcpPoolTenant("x", { ...tenantArgs("x", elsewhere), platform: platform.ref })).toThrow(
      'GcpPoolTenant: profile.region "europe-west1" is not the region of pool platform pool-euw3-b ("europe-west3")',
    );
  });
});
