// The shared platform and a pooled tenant on it under Pulumi mocks: the platform is hardened as a
// silo is; the tenant reads the platform through a StackReference and gets a namespace, a schema,
// a Redis user, a bucket prefix and an IRSA role, each limited to itself.
import type * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import type { TenantSpecInput } from "../../crds/tenant-schema.ts";
import { locationFromSecret } from "../../runtime/db/tenant-registry.ts";
import { assertName } from "../shared/naming.ts";
import { stackProfile } from "../shared/profile.ts";
import { TAG_KEYS } from "../shared/tags.ts";
import { awsTenantArgs } from "./args.ts";
import {
  AwsPoolPlatform,
  type AwsPoolPlatformOutputs,
  awsPoolPlatformArgs,
  POOL_PLATFORM_OUTPUT_KEYS,
} from "./platform.ts";
import { AwsTenantPool, platformProblem } from "./pool.ts";
import { awsTenant } from "./tenant.ts";
import {
  ACCOUNT,
  graph,
  installMocks,
  isSecretValue,
  isTaggable,
  OIDC_ISSUER_HOST,
  plainPart,
  type Registered,
  registered,
  settled,
  stackOutputs,
  value,
} from "./test-mocks.ts";

beforeAll(installMocks);

const REGION = "eu-central-1";
const PLATFORM_STACK = "wspec/aws-pool/eu-central";
const platformProfile: ComplianceProfileSpecInput = {
  frameworks: ["GDPR", "SOC2"],
  allowedRegions: { aws: ["eu-*"] },
  backups: { retentionDays: 21, pointInTimeRecovery: true },
};
const gdpr: ComplianceProfileSpecInput = { frameworks: ["GDPR"], allowedRegions: { aws: ["eu-*"] } };
const cmk: ComplianceProfileSpecInput = { ...gdpr, encryption: { customerManagedKeys: true } };
const spec = (tier: "professional" | "starter"): TenantSpecInput => ({
  displayName: "Mid Corp",
  tier,
  cloud: "aws",
  region: REGION,
  complianceProfile: "eu",
  admins: ["it@mid.example"],
});

const isSecret = (o: pulumi.Output<unknown>) => (o as unknown as { isSecret: Promise<boolean> }).isSecret;
const platformKeyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/pool-eu-key`;

let platformGraph: ReturnType<typeof graph>;
let platformOutputs: AwsPoolPlatformOutputs;
let platform: AwsPoolPlatform;

beforeAll(async () => {
  const from = registered.length;
  platform = new AwsPoolPlatform(
    "pool-eu",
    awsPoolPlatformArgs({
      platformId: "pool-eu",
      region: REGION,
      profile: platformProfile,
      costCenter: "platform",
    }),
  );
  const entries = await Promise.all(
    POOL_PLATFORM_OUTPUT_KEYS.map(
      async (k) => [k, await value(platform.outputs[k] as pulumi.Output<unknown>)] as const,
    ),
  );
  platformOutputs = Object.fromEntries(entries) as unknown as AwsPoolPlatformOutputs;
  // What the platform's stack exports is what a tenant stack's StackReference reads.
  stackOutputs.set(PLATFORM_STACK, { ...platformOutputs });
  await settled();
  platformGraph = graph(from);
}, 60_000);

async function buildPool(
  tenantId: string,
  tier: "professional" | "starter",
  profile: ComplianceProfileSpecInput = gdpr,
) {
  const from = registered.length;
  const pool = new AwsTenantPool(tenantId, {
    ...awsTenantArgs({ tenantId, spec: spec(tier), profile }),
    platform: PLATFORM_STACK,
  });
  const data = await value(pool.connectionData);
  await settled();
  return { pool, data, ...graph(from) };
}

describe("AwsPoolPlatform", () => {
  it("is hardened like a silo: rotating key, encrypted private bucket, protected Aurora", () => {
    const g = platformGraph;
    expect(g.one("aws:kms/key:Key").enableKeyRotation).toBe(true);
    expect(
      g.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
        .rules[0],
    ).toMatchObject({
      applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: platformKeyArn },
    });
    expect(g.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(g.one("aws:rds/cluster:Cluster")).toMatchObject({
      storageEncrypted: true,
      kmsKeyId: platformKeyArn,
      backupRetentionPeriod: 21,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      databaseName: "wspec_pool",
    });
    expect(g.one("aws:backup/plan:Plan").rules[0]).toMatchObject({
      enableContinuousBackup: true,
      lifecycle: { deleteAfter: 21 },
    });
    expect(g.one("aws:eks/cluster:Cluster").deletionProtection).toBe(true);
  });

  it("tags every taggable resource and pins every AWS resource to its provider's region", () => {
    const g = platformGraph;
    const taggable = g.all.filter((r) => isTaggable(r.type));
    expect(taggable.length).toBeGreaterThan(30);
    for (const r of taggable) {
      expect([r.name, g.inputsOf(r).tags]).toEqual([
        r.name,
        expect.objectContaining({ [TAG_KEYS.tenant]: "pool-eu" }),
      ]);
    }
    expect(g.one("pulumi:providers:aws").region).toBe(REGION);
    const ours =
      "urn:pulumi:unit::wspec-aws-unit::wspec:aws:PoolPlatform$pulumi:providers:aws::pool-eu-aws::";
    for (const r of g.all.filter((x) => x.type.startsWith("aws:"))) {
      expect([r.name, r.provider?.startsWith(ours)]).toEqual([r.name, true]);
    }
  });

  it("authenticates Redis with RBAC users and switches the default user off", () => {
    const g = platformGraph;
    const group = g.one("aws:elasticache/replicationGroup:ReplicationGroup");
    expect(group).toMatchObject({
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      kmsKeyId: platformKeyArn,
      userGroupIds: [g.one("aws:elasticache/userGroup:UserGroup").userGroupId],
    });
    expect(group.authToken).toBeUndefined();
    expect(g.one("aws:elasticache/user:User")).toMatchObject({
      userName: "default",
      accessString: "off -@all",
    });
  });

  it("exports every key a tenant stack reads, the admin URL as a secret", async () => {
    expect(Object.keys(platform.outputs).sort()).toEqual([...POOL_PLATFORM_OUTPUT_KEYS].sort());
    expect(await isSecret(platform.outputs.databaseAdminUrl)).toBe(true);
    expect(platformOutputs).toMatchObject({
      region: REGION,
      objectLockEnabled: false,
      oidcIssuer: OIDC_ISSUER_HOST,
      databasePort: 5432,
      databaseName: "wspec_pool",
    });
    expect(platformOutputs.databaseAdminUrl).toMatch(
      /^postgres:\/\/wspec_admin:random-pool-eu-db-password@.*:5432\/wspec_pool\?sslmode=require$/,
    );
  });
});

describe("AwsTenantPool: professional, platform keys", () => {
  const tenantId = "t-mid-corp-0123456789";
  let g: Awaited<ReturnType<typeof buildPool>>;
  beforeAll(async () => {
    g = await buildPool(tenantId, "professional");
  }, 60_000);

  it("reads the platform through the named StackReference and stays in the tenant's region", () => {
    expect(g.one("pulumi:pulumi:StackReference").name).toBe(PLATFORM_STACK);
    expect(g.one("pulumi:providers:aws").region).toBe(REGION);
    const aws = g.all.filter((x) => x.type.startsWith("aws:"));
    expect(aws.length).toBeGreaterThanOrEqual(4);
    for (const r of aws.filter((x) => !x.type.startsWith("aws:iam/"))) {
      expect([r.name, g.inputsOf(r).region]).toEqual([r.name, REGION]);
    }
    const ours = `urn:pulumi:unit::wspec-aws-unit::wspec:aws:TenantPool$pulumi:providers:aws::${tenantId}-aws::`;
    for (const r of aws) expect([r.name, r.provider?.startsWith(ours)]).toEqual([r.name, true]);
  });

  it("creates an isolated namespace in the shared cluster: restricted pods, quota, limits, default deny", async () => {
    const provider = g.byType("pulumi:providers:kubernetes")[0] as Registered;
    expect(isSecretValue(provider.inputs.kubeconfig)).toBe(true);
    expect(g.inputsOf(provider).kubeconfig).toBe(platformOutputs.kubeconfig);
    const ns = g.one("kubernetes:core/v1:Namespace").metadata;
    expect(ns.name).toBe(`tenant-${tenantId}`);
    expect(ns.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "wspec.io/tenant": tenantId,
      [TAG_KEYS.tier]: "professional",
    });
    expect(g.one("kubernetes:core/v1:ResourceQuota").spec.hard).toMatchObject({
      "requests.storage": "100Gi",
    });
    expect(g.one("kubernetes:core/v1:LimitRange").spec.limits).toHaveLength(2);
    const policies = g.byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => g.inputsOf(r).spec);
    expect(policies).toContainEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(await value(g.pool.namespace)).toBe(`tenant-${tenantId}`);
  });

  it("creates its role and own schema in the shared Aurora with the platform's admin URL, kept secret", () => {
    const raw = g.byType("pulumi-nodejs:dynamic/local:PostgresTenant")[0] as Registered;
    expect(isSecretValue(raw.inputs.adminUrl)).toBe(true);
    expect(g.inputsOf(raw)).toMatchObject({
      adminUrl: platformOutputs.databaseAdminUrl,
      tier: "professional",
      database: "wspec_pool",
      schema: "tenant_t_mid_corp_0123456789",
      role: "tenant_t_mid_corp_0123456789",
      dedicatedDatabase: false,
      dedicatedSchema: true,
    });
  });

  it("gets a Redis user limited to its key prefix, in the platform's user group", () => {
    const user = g.one("aws:elasticache/user:User");
    expect(user).toMatchObject({
      userName: `tenant-${tenantId}`,
      engine: "redis",
      accessString: `on ~t:${tenantId}:* &t:${tenantId}:* +@all -@dangerous +info`,
      authenticationMode: { type: "password", passwords: [`random-${tenantId}-redis-password`] },
    });
    assertName(user.userId, "awsElastiCacheReplicationGroup", "userId");
    const raw = g.byType("aws:elasticache/user:User")[0] as Registered;
    expect(JSON.stringify(plainPart(raw.inputs))).not.toContain("random-");
    expect(g.one("aws:elasticache/userGroupAssociation:UserGroupAssociation")).toMatchObject({
      userGroupId: platformOutputs.redisUserGroupId,
      userId: user.userId,
    });
  });

  it("limits the runtime's IRSA role to its bucket prefix and the platform key", () => {
    expect(g.byType("aws:kms/key:Key")).toHaveLength(0);
    const role = g.one("aws:iam/role:Role");
    const trust = JSON.parse(role.assumeRolePolicy).Statement[0];
    expect(trust.Principal.Federated).toBe(platformOutputs.oidcProviderArn);
    expect(trust.Condition.StringEquals[`${OIDC_ISSUER_HOST}:sub`]).toBe(
      `system:serviceaccount:tenant-${tenantId}:wspec-runtime`,
    );
    const bucketArn = platformOutputs.bucketArn;
    const statements = JSON.parse(g.one("aws:iam/rolePolicy:RolePolicy").policy).Statement;
    expect(statements).toEqual([
      {
        Sid: "ListOwnObjects",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:ListBucketVersions"],
        Resource: bucketArn,
        Condition: { StringLike: { "s3:prefix": [`tenants/${tenantId}/*`] } },
      },
      expect.objectContaining({ Sid: "ReadWriteOwnObjects", Resource: `${bucketArn}/tenants/${tenantId}/*` }),
      expect.objectContaining({ Sid: "UseOwnKey", Resource: platformKeyArn }),
    ]);
  });

  it("tags every taggable AWS resource", () => {
    const taggable = g.all.filter((r) => isTaggable(r.type));
    expect(taggable.map((r) => r.type).sort()).toEqual(["aws:elasticache/user:User", "aws:iam/role:Role"]);
    for (const r of taggable)
      expect(g.inputsOf(r).tags).toMatchObject({
        [TAG_KEYS.tenant]: tenantId,
        [TAG_KEYS.tier]: "professional",
      });
  });

  it("hands the runtime a secret connection its registry accepts, with its schema and prefix", async () => {
    expect(await isSecret(g.pool.connectionData)).toBe(true);
    const { val, err } = locationFromSecret(g.data);
    expect(err).toBeUndefined();
    expect(val).toMatchObject({
      slug: tenantId,
      placement: "schema",
      database: {
        host: platformOutputs.databaseEndpoint,
        name: "wspec_pool",
        schema: "tenant_t_mid_corp_0123456789",
        user: "tenant_t_mid_corp_0123456789",
        password: `pw-${tenantId}-postgres`,
      },
      redis: { keyPrefix: `t:${tenantId}:` },
    });
    expect(g.data).toMatchObject({
      REDIS_USER: `tenant-${tenantId}`,
      STORAGE_BUCKET: platformOutputs.bucketName,
      STORAGE_PREFIX: `tenants/${tenantId}/`,
      STORAGE_KMS_KEY_ID: platformKeyArn,
    });
    expect(g.data.REDIS_URL).toMatch(new RegExp(`^rediss://tenant-${tenantId}:random-`));
  });
});

describe("AwsTenantPool: starter with customer-managed keys", () => {
  const tenantId = "t-small-9876543210";
  let g: Awaited<ReturnType<typeof buildPool>>;
  beforeAll(async () => {
    g = await buildPool(tenantId, "starter", cmk);
  }, 60_000);

  it("gets its own rotating key, used by its IRSA policy and its connection", () => {
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${tenantId}-key`;
    expect(g.one("aws:kms/key:Key")).toMatchObject({ enableKeyRotation: true, region: REGION });
    const statements = JSON.parse(g.one("aws:iam/rolePolicy:RolePolicy").policy).Statement;
    expect(statements[2]).toMatchObject({ Sid: "UseOwnKey", Resource: keyArn });
    expect(g.data.STORAGE_KMS_KEY_ID).toBe(keyArn);
    expect(g.pool.ownKey).toBe(true);
  });

  it("joins the shared schema through its group (row-level security)", () => {
    const pg = g.inputsOf(g.byType("pulumi-nodejs:dynamic/local:PostgresTenant")[0] as Registered);
    expect(pg).toMatchObject({
      schema: "pool_shared",
      sharedGroup: "pool_shared_member",
      dedicatedSchema: false,
    });
    expect(locationFromSecret(g.data).val?.placement).toBe("shared");
  });
});

describe("AwsTenantPool: refusals", () => {
  const args = (profile: ComplianceProfileSpecInput) =>
    awsTenantArgs({ tenantId: "t-x", spec: spec("professional"), profile });

  it("refuses a platform in another region, or without the object lock the profile needs", () => {
    expect(platformProblem({ region: "us-east-1", objectLockEnabled: true }, args(gdpr))).toBe(
      "the pool platform is in us-east-1, but tenant t-x must stay in eu-central-1",
    );
    const sox = args({ ...gdpr, frameworks: ["SOX"] });
    expect(platformProblem({ region: REGION, objectLockEnabled: false }, sox)).toMatch(
      /^tenant t-x's profile needs object lock \(SOX\) and the pool platform's bucket has none/,
    );
    expect(platformProblem({ region: REGION, objectLockEnabled: true }, sox)).toBeUndefined();
    expect(stackProfile(spec("professional") as never, gdpr).objectLock.enabled).toBe(false);
  });

  it("awsTenant asks a pooled tier for its platform", () => {
    expect(() => awsTenant("t-x", args(gdpr))).toThrow(
      'platform is required for tier "professional": the pool platform\'s stack name (org/project/stack)',
    );
  });

  it("refuses the enterprise tier", () => {
    const enterprise = awsTenantArgs({
      tenantId: "t-big",
      spec: { ...spec("professional"), tier: "enterprise" },
      profile: gdpr,
    });
    expect(() => new AwsTenantPool("t-big", { ...enterprise, platform: PLATFORM_STACK })).toThrow(
      'tier "enterprise" does not run as an AWS pool: allowed [professional, starter]',
    );
  });
});

describe("secrets", () => {
  it("no password, token or admin URL reaches any resource's inputs outside a secret", () => {
    const leaks = registered.filter((r) => /random-|pw-/.test(JSON.stringify(plainPart(r.inputs))));
    expect(leaks.map((r) => `${r.type} ${r.name}`)).toEqual([]);
  });
});
