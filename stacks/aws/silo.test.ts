// The enterprise silo's resource graph under Pulumi mocks: the security properties the
// ComplianceProfile asks for, read from the inputs each resource was registered with.
import type * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { resourcePrefix } from "../../crds/naming.ts";
import type { ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import type { TenantSpecInput } from "../../crds/tenant-schema.ts";
import { locationFromSecret } from "../../runtime/db/tenant-registry.ts";
import { assertName, type NAME_RULES } from "../shared/naming.ts";
import { TAG_KEYS } from "../shared/tags.ts";
import { awsTenantArgs } from "./args.ts";
import { AwsTenantSilo } from "./silo.ts";
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
  value,
} from "./test-mocks.ts";

beforeAll(installMocks);

const spec: TenantSpecInput = {
  displayName: "Acme Bank",
  tier: "enterprise",
  cloud: "aws",
  region: "eu-central-1",
  complianceProfile: "eu-banking",
  admins: ["ops@acme.example"],
};
const strict: ComplianceProfileSpecInput = {
  frameworks: ["GDPR", "SOX"],
  allowedRegions: { aws: ["eu-*"] },
  encryption: { customerManagedKeys: true, tlsMinVersion: "1.3" },
  backups: { retentionDays: 30, pointInTimeRecovery: true },
  retention: { documentDays: 2555 },
  network: { privateOnly: true },
  deletionProtection: true,
};
const basic: ComplianceProfileSpecInput = { frameworks: ["SOC2"], allowedRegions: { aws: ["*"] } };

const isSecret = (o: pulumi.Output<unknown>) => (o as unknown as { isSecret: Promise<boolean> }).isSecret;

async function buildSilo(
  tenantId: string,
  profile: ComplianceProfileSpecInput = strict,
  region = "eu-central-1",
) {
  const from = registered.length;
  const silo = new AwsTenantSilo(
    tenantId,
    awsTenantArgs({ tenantId, spec: { ...spec, region }, profile, costCenter: "cc-4711" }),
  );
  const data = await value(silo.connectionData);
  await value(silo.workloadIdentity);
  await settled();
  return { silo, data, ...graph(from) };
}

const keyArnOf = (tenantId: string, region = "eu-central-1") =>
  `arn:aws:kms:${region}:${ACCOUNT}:key/${tenantId}-key`;

describe("AwsTenantSilo: a strict EU banking profile", () => {
  const tenantId = "t-acme-bank-1a2b3c4d5e";
  let g: Awaited<ReturnType<typeof buildSilo>>;
  beforeAll(async () => {
    g = await buildSilo(tenantId);
  }, 60_000);

  it("pins every AWS resource to the tenant's region, through the provider and each resource", () => {
    const [provider, ...others] = g.byType("pulumi:providers:aws");
    expect(others).toHaveLength(0);
    expect(provider?.inputs.region).toBe("eu-central-1");
    const regional = g.all.filter((r) => r.type.startsWith("aws:") && !r.type.startsWith("aws:iam/"));
    expect(regional.length).toBeGreaterThan(40);
    for (const r of regional)
      expect([r.type, r.name, g.inputsOf(r).region]).toEqual([r.type, r.name, "eu-central-1"]);
  });

  it("tags every taggable resource with tenant, tier, environment and cost center", () => {
    const taggable = g.all.filter((r) => isTaggable(r.type));
    expect(taggable.length).toBeGreaterThan(30);
    for (const r of taggable) {
      expect([r.name, g.inputsOf(r).tags]).toEqual([
        r.name,
        expect.objectContaining({
          [TAG_KEYS.tenant]: tenantId,
          [TAG_KEYS.tier]: "enterprise",
          [TAG_KEYS.environment]: "prod",
          [TAG_KEYS.costCenter]: "cc-4711",
        }),
      ]);
    }
  });

  it("rotates the tenant's KMS key", () => {
    expect(g.one("aws:kms/key:Key")).toMatchObject({ enableKeyRotation: true, rotationPeriodInDays: 365 });
  });

  it("encrypts the bucket with the tenant's key, blocks public access and allows TLS 1.3 only", () => {
    const keyArn = keyArnOf(tenantId);
    expect(
      g.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").rules,
    ).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
        bucketKeyEnabled: true,
      },
    ]);
    expect(g.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(g.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
    const bucketName = g.one("aws:s3/bucket:Bucket").bucket;
    const policy = JSON.parse(g.one("aws:s3/bucketPolicy:BucketPolicy").policy);
    const arn = `arn:aws:s3:::${bucketName}`;
    expect(policy.Statement).toContainEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { NumericLessThan: { "s3:TlsVersion": 1.3 } } }),
    );
  });

  it("versions the bucket, moves objects to Standard-IA at 90 days and Glacier at 365", () => {
    expect(g.one("aws:s3/bucketVersioning:BucketVersioning").versioningConfiguration).toEqual({
      status: "Enabled",
    });
    const [rule] = g.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").rules;
    expect(rule.status).toBe("Enabled");
    expect(rule.transitions).toEqual([
      { days: 90, storageClass: "STANDARD_IA" },
      { days: 365, storageClass: "GLACIER" },
    ]);
  });

  it("locks objects for the profile's document retention (SOX)", () => {
    expect(g.one("aws:s3/bucket:Bucket").objectLockEnabled).toBe(true);
    expect(g.one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toMatchObject({
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "GOVERNANCE", days: 2555 } },
    });
  });

  it("encrypts Aurora with the tenant's key, keeps the profile's backup days, protects and IAM-authenticates it", () => {
    const cluster = g.one("aws:rds/cluster:Cluster");
    expect(cluster).toMatchObject({
      engine: "aurora-postgresql",
      storageEncrypted: true,
      kmsKeyId: keyArnOf(tenantId),
      backupRetentionPeriod: 30,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      skipFinalSnapshot: false,
    });
    const raw = g.byType("aws:rds/cluster:Cluster")[0] as Registered;
    expect(isSecretValue(raw.inputs.masterPassword)).toBe(true);
    for (const instance of g.byType("aws:rds/clusterInstance:ClusterInstance")) {
      expect(g.inputsOf(instance)).toMatchObject({
        publiclyAccessible: false,
        performanceInsightsKmsKeyId: keyArnOf(tenantId),
      });
    }
    const params = g.one("aws:rds/clusterParameterGroup:ClusterParameterGroup").parameters;
    expect(params).toContainEqual({ name: "rds.force_ssl", value: "1" });
    expect(params).toContainEqual({ name: "ssl_min_protocol_version", value: "TLSv1.3" });
  });

  it("keeps continuous backups for point-in-time recovery in a vault under the tenant's key", () => {
    expect(g.one("aws:backup/vault:Vault").kmsKeyArn).toBe(keyArnOf(tenantId));
    expect(g.one("aws:backup/plan:Plan").rules).toEqual([
      expect.objectContaining({ enableContinuousBackup: true, lifecycle: { deleteAfter: 30 } }),
    ]);
    const cluster = g.one("aws:rds/cluster:Cluster");
    expect(g.one("aws:backup/selection:Selection").resources).toEqual([
      `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:${cluster.clusterIdentifier}`,
    ]);
  });

  it("admits database and cache connections from the cluster's security group only", () => {
    for (const sg of g.byType("aws:ec2/securityGroup:SecurityGroup")) {
      const { ingress, egress } = g.inputsOf(sg);
      expect(egress).toEqual([]);
      expect(ingress).toHaveLength(1);
      expect(ingress[0].cidrBlocks ?? []).toEqual([]);
      expect(ingress[0].securityGroups).toEqual([`sg-${tenantId}-eks-cluster`]);
    }
  });

  it("encrypts Redis at rest with the tenant's key and in transit, behind a secret AUTH token", () => {
    const group = g.one("aws:elasticache/replicationGroup:ReplicationGroup");
    expect(group).toMatchObject({
      atRestEncryptionEnabled: true,
      kmsKeyId: keyArnOf(tenantId),
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
    });
    expect(group.authToken).toMatch(/^random-/);
    const raw = g.byType("aws:elasticache/replicationGroup:ReplicationGroup")[0] as Registered;
    expect(isSecretValue(raw.inputs.authToken)).toBe(true);
  });

  it("encrypts Kubernetes secrets with the tenant's key, keeps the API private, logs everything", () => {
    const cluster = g.one("aws:eks/cluster:Cluster");
    expect(cluster.encryptionConfig).toEqual({
      provider: { keyArn: keyArnOf(tenantId) },
      resources: ["secrets"],
    });
    expect(cluster.vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
    expect(cluster.enabledClusterLogTypes).toEqual([
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
    expect(cluster.deletionProtection).toBe(true);
    expect(g.one("aws:eks/nodeGroup:NodeGroup").scalingConfig).toEqual({
      minSize: 3,
      desiredSize: 3,
      maxSize: 10,
    });
  });

  it("spreads the VPC over three zones with private subnets behind a NAT gateway each", () => {
    const subnets = g.byType("aws:ec2/subnet:Subnet").map(g.inputsOf);
    expect(subnets.map((s) => s.availabilityZone).sort()).toEqual([
      "eu-central-1a",
      "eu-central-1a",
      "eu-central-1b",
      "eu-central-1b",
      "eu-central-1c",
      "eu-central-1c",
    ]);
    expect(subnets.every((s) => s.mapPublicIpOnLaunch === false)).toBe(true);
    expect(g.byType("aws:ec2/natGateway:NatGateway")).toHaveLength(3);
    const routes = g
      .byType("aws:ec2/routeTable:RouteTable")
      .map(g.inputsOf)
      .filter((r) => r.routes[0].natGatewayId);
    expect(routes).toHaveLength(3);
  });

  it("gives the runtime an IRSA role for its service account, limited to its bucket and key", () => {
    const role = g.inputsOf(g.named(`${tenantId}-runtime-role`));
    const trust = JSON.parse(role.assumeRolePolicy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC_ISSUER_HOST}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${OIDC_ISSUER_HOST}:sub`]: `system:serviceaccount:tenant-${tenantId}:wspec-runtime`,
            [`${OIDC_ISSUER_HOST}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ]);
    const policy = JSON.parse(g.one("aws:iam/rolePolicy:RolePolicy").policy);
    const bucketArn = `arn:aws:s3:::${g.one("aws:s3/bucket:Bucket").bucket}`;
    const resources = policy.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
    expect(resources.sort()).toEqual([bucketArn, `${bucketArn}/*`, keyArnOf(tenantId)].sort());
    for (const s of policy.Statement) {
      expect(s.Effect).toBe("Allow");
      expect([s.Action].flat().some((a: string) => a.includes("*"))).toBe(false);
    }
  });

  it("hands the runtime a secret connection the runtime's registry accepts", async () => {
    expect(await isSecret(g.silo.connectionData)).toBe(true);
    const { val, err } = locationFromSecret(g.data);
    expect(err).toBeUndefined();
    expect(val).toMatchObject({
      slug: tenantId,
      tier: "enterprise",
      placement: "database",
      database: {
        host: `${g.one("aws:rds/cluster:Cluster").clusterIdentifier}.cluster-abc.eu-central-1.rds.amazonaws.com`,
        port: 5432,
        name: "tenant_t_acme_bank_1a2b3c4d5e",
        schema: "tenant_t_acme_bank_1a2b3c4d5e",
        user: "tenant_t_acme_bank_1a2b3c4d5e",
        password: `random-${tenantId}-db-password`,
      },
      redis: { keyPrefix: `t:${tenantId}:` },
    });
    expect(g.data.REDIS_URL).toMatch(/^rediss:\/\/default:random-.*@master\..*:6379$/);
    expect(g.data.DATABASE_URL).toMatch(/\?sslmode=require$/);
    expect(g.data).toMatchObject({
      STORAGE_KIND: "s3",
      STORAGE_BUCKET: g.one("aws:s3/bucket:Bucket").bucket,
      STORAGE_PREFIX: "",
      STORAGE_REGION: "eu-central-1",
      STORAGE_KMS_KEY_ID: keyArnOf(tenantId),
      LIMIT_STORAGE_GIB: "1000",
    });
    expect(await value(g.silo.workloadIdentity)).toEqual({
      annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${ACCOUNT}:role/${tenantId}-runtime` },
      podLabels: {},
    });
  });
});

describe("AwsTenantSilo: a basic profile", () => {
  it("keeps the tier's backup floor, no object lock or PITR vault, a public API endpoint", async () => {
    const g = await buildSilo("t-basic-0a1b2c3d4e", basic, "us-east-1");
    expect(g.one("aws:rds/cluster:Cluster").backupRetentionPeriod).toBe(14);
    expect(g.one("aws:rds/cluster:Cluster").deletionProtection).toBe(true);
    expect(g.one("aws:s3/bucket:Bucket").objectLockEnabled).toBe(false);
    expect(g.byType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toHaveLength(0);
    expect(g.byType("aws:backup/plan:Plan")).toHaveLength(0);
    expect(g.one("aws:eks/cluster:Cluster").vpcConfig.endpointPublicAccess).toBe(true);
    expect(g.byType("pulumi:providers:aws")[0]?.inputs.region).toBe("us-east-1");
  }, 60_000);
});

describe("AwsTenantSilo: names and refusals", () => {
  it("fits every name to its service's limit for the longest tenant id", async () => {
    const tenantId = resourcePrefix("n".repeat(63), "m".repeat(253));
    expect(tenantId).toHaveLength(40);
    const g = await buildSilo(tenantId, basic);
    const check = (type: string, field: string, rule: keyof typeof NAME_RULES) => {
      for (const r of g.byType(type)) assertName(String(g.inputsOf(r)[field]), rule, `${type}.${field}`);
    };
    check("aws:s3/bucket:Bucket", "bucket", "awsS3Bucket");
    check("aws:rds/cluster:Cluster", "clusterIdentifier", "awsRdsCluster");
    check("aws:rds/clusterInstance:ClusterInstance", "identifier", "awsRdsCluster");
    check(
      "aws:elasticache/replicationGroup:ReplicationGroup",
      "replicationGroupId",
      "awsElastiCacheReplicationGroup",
    );
    check("aws:eks/cluster:Cluster", "name", "awsEksCluster");
    check("aws:eks/nodeGroup:NodeGroup", "nodeGroupName", "awsEksNodeGroup");
    check("aws:iam/role:Role", "name", "awsIamRole");
    const roles = g.byType("aws:iam/role:Role").map((r) => g.inputsOf(r).name);
    expect(new Set(roles).size).toBe(roles.length);
    expect(g.one("aws:rds/cluster:Cluster").databaseName).toMatch(/^[a-z][a-z0-9_]{0,62}$/);
  }, 60_000);

  it("refuses a region the profile does not allow, before declaring anything", () => {
    const from = registered.length;
    expect(() =>
      awsTenantArgs({ tenantId: "t-x", spec: { ...spec, region: "us-east-1" }, profile: strict }),
    ).toThrow('spec.region "us-east-1" not in [eu-*] (allowed by the ComplianceProfile for aws)');
    expect(registered.length).toBe(from);
  });

  it("refuses a pooled tier and a non-AWS tenant", () => {
    const args = awsTenantArgs({ tenantId: "t-small", spec: { ...spec, tier: "starter" }, profile: basic });
    expect(() => new AwsTenantSilo("t-small", args)).toThrow(
      'tier "starter" does not run as an AWS silo: allowed [enterprise]',
    );
    expect(() =>
      awsTenantArgs({
        tenantId: "t-gcp",
        spec: { ...spec, cloud: "gcp", region: "europe-west1" },
        profile: { ...basic, allowedRegions: { gcp: ["*"] } },
      }),
    ).toThrow('spec.cloud "gcp" is not aws: allowed [aws]');
    expect(() => awsTenantArgs({ tenantId: "Bad_Id", spec, profile: basic })).toThrow(
      /tenantId "Bad_Id" must be/,
    );
  });

  it("keeps secrets out of plain inputs: passwords and tokens travel as secrets", () => {
    const leaks = registered.filter((r) => JSON.stringify(plainPart(r.inputs)).includes("random-"));
    expect(leaks.map((r) => `${r.type} ${r.name}`)).toEqual([]);
  });
});
