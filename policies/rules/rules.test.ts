// Each rule over a compliant and a violating resource per type it knows, table-driven: the exact
// property, value and allowed values must appear in the violation.
import { describe, expect, it } from "vitest";
import { parseComplianceProfileSpec } from "../../crds/parse.ts";
import type { ComplianceProfileSpec } from "../../crds/profile-schema.ts";
import { RULES } from "./rules.ts";
import type { RuleContext, RuleName, RuleResource, RuleTenant } from "./types.ts";

function profile(raw: Record<string, unknown> = {}): ComplianceProfileSpec {
  const parsed = parseComplianceProfileSpec({
    frameworks: ["GDPR"],
    allowedRegions: { aws: ["eu-*"], azure: ["westeurope"], gcp: ["europe-west1"], local: ["*"] },
    ...raw,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const silo: RuleTenant = { tier: "enterprise", cloud: "aws", region: "eu-west-1", deletionPolicy: "Retain" };
const ctx = (p: Record<string, unknown> = {}, tenant: Partial<RuleTenant> = {}): RuleContext => ({
  profileName: "eu-gdpr",
  profile: profile(p),
  tenant: { ...silo, ...tenant },
});
const cmk = { encryption: { customerManagedKeys: true } };
const res = (
  type: string,
  props: Record<string, unknown>,
  extra: Partial<RuleResource> = {},
): RuleResource => ({
  type,
  name: "r",
  props,
  ...extra,
});

interface Case {
  rule: RuleName;
  what: string;
  resource: RuleResource;
  ctx?: RuleContext;
  /** undefined: compliant; a pattern: the single violation it must produce. */
  violation?: RegExp;
}

const euProvider = { type: "pulumi:providers:aws", props: { region: "eu-west-1" } };
const usProvider = { type: "pulumi:providers:aws", props: { region: "us-east-1" } };
const tlsOnly = JSON.stringify({
  Statement: [
    {
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ],
});

const cases: Case[] = [
  // encryption-at-rest
  {
    rule: "encryption-at-rest",
    what: "Aurora with the tenant's key",
    ctx: ctx(cmk),
    resource: res("aws:rds/cluster:Cluster", {
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k",
    }),
  },
  {
    rule: "encryption-at-rest",
    what: "Aurora under the AWS-managed key",
    ctx: ctx(cmk),
    resource: res("aws:rds/cluster:Cluster", { storageEncrypted: true }),
    violation:
      /^r \(aws:rds\/cluster:Cluster\): kmsKeyId is \(absent\): ComplianceProfile eu-gdpr requires customer-managed keys \(encryption.customerManagedKeys\)$/,
  },
  {
    rule: "encryption-at-rest",
    what: "unencrypted Aurora without CMK asked",
    resource: res("aws:rds/cluster:Cluster", { storageEncrypted: false }),
    violation: /storageEncrypted is false: must be true/,
  },
  {
    rule: "encryption-at-rest",
    what: "S3 SSE-KMS with a key",
    ctx: ctx(cmk),
    resource: res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" } }],
    }),
  },
  {
    rule: "encryption-at-rest",
    what: "S3 SSE-S3 under CMK",
    ctx: ctx(cmk),
    resource: res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: "k" } }],
    }),
    violation: /sseAlgorithm is "AES256": must be aws:kms or aws:kms:dsse/,
  },
  {
    rule: "encryption-at-rest",
    what: "ElastiCache at rest without a key",
    ctx: ctx(cmk),
    resource: res("aws:elasticache/replicationGroup:ReplicationGroup", { atRestEncryptionEnabled: true }),
    violation: /kmsKeyId is \(absent\)/,
  },
  {
    rule: "encryption-at-rest",
    what: "KMS key that never rotates",
    ctx: ctx(cmk),
    resource: res("aws:kms/key:Key", { enableKeyRotation: false }),
    violation: /enableKeyRotation is false: customer-managed keys must rotate/,
  },
  {
    rule: "encryption-at-rest",
    what: "Storage account with a Key Vault key",
    ctx: ctx(cmk),
    resource: res("azure-native:storage:StorageAccount", {
      encryption: {
        keySource: "Microsoft.Keyvault",
        keyVaultProperties: { keyName: "k", keyVaultUri: "https://v" },
      },
    }),
  },
  {
    rule: "encryption-at-rest",
    what: "Storage account under Microsoft keys",
    ctx: ctx(cmk),
    resource: res("azure-native:storage:StorageAccount", { encryption: { keySource: "Microsoft.Storage" } }),
    violation: /encryption.keySource is "Microsoft.Storage": must be Microsoft.Keyvault/,
  },
  {
    rule: "encryption-at-rest",
    what: "Flexible Server with system keys",
    ctx: ctx(cmk),
    resource: res("azure-native:dbforpostgresql:Server", { dataEncryption: { type: "SystemManaged" } }),
    violation: /dataEncryption.type is "SystemManaged": must be AzureKeyVault/,
  },
  {
    rule: "encryption-at-rest",
    what: "GCS with CMEK",
    ctx: ctx(cmk),
    resource: res("gcp:storage/bucket:Bucket", {
      encryption: { defaultKmsKeyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k" },
    }),
  },
  {
    rule: "encryption-at-rest",
    what: "Cloud SQL under Google keys",
    ctx: ctx(cmk),
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", {}),
    violation: /encryptionKeyName is \(absent\)/,
  },
  {
    rule: "encryption-at-rest",
    what: "Cloud SQL without CMK asked",
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", {}),
  },

  // data-residency
  {
    rule: "data-residency",
    what: "AWS resource through an EU provider",
    resource: res("aws:rds/cluster:Cluster", {}, { provider: euProvider }),
  },
  {
    rule: "data-residency",
    what: "AWS resource through a US provider",
    resource: res("aws:rds/cluster:Cluster", {}, { provider: usProvider }),
    violation:
      /^r \(aws:rds\/cluster:Cluster\): provider region "us-east-1" not in \[eu-\*\] \(allowedRegions.aws of ComplianceProfile eu-gdpr\)$/,
  },
  {
    rule: "data-residency",
    what: "AWS resource whose own region overrides an EU provider",
    resource: res("aws:s3/bucket:Bucket", { region: "us-west-2" }, { provider: euProvider }),
    violation: /region "us-west-2" not in \[eu-\*\]/,
  },
  {
    rule: "data-residency",
    what: "the AWS provider itself",
    resource: res("pulumi:providers:aws", { region: "us-east-1" }),
    violation: /region "us-east-1" not in \[eu-\*\]/,
  },
  { rule: "data-residency", what: "IAM role (global)", resource: res("aws:iam/role:Role", {}) },
  {
    rule: "data-residency",
    what: "AWS resource with no region at all",
    resource: res("aws:kms/key:Key", {}),
    violation: /region unknown \(neither region nor its provider's region is set\): must be in \[eu-\*\]/,
  },
  {
    rule: "data-residency",
    what: "Azure display-name location",
    resource: res("azure-native:storage:StorageAccount", { location: "West Europe" }),
  },
  {
    rule: "data-residency",
    what: "Azure resource in eastus",
    resource: res("azure-native:dbforpostgresql:Server", { location: "eastus" }),
    violation: /location "eastus" not in \[westeurope\] \(allowedRegions.azure/,
  },
  {
    rule: "data-residency",
    what: "Azure private DNS zone (global)",
    resource: res("azure-native:privatedns:PrivateZone", { location: "global" }),
  },
  {
    rule: "data-residency",
    what: "Azure resource placed by its provider",
    resource: res(
      "azure-native:storage:StorageAccount",
      {},
      { provider: { type: "pulumi:providers:azure-native", props: { location: "eastus" } } },
    ),
    violation: /provider location "eastus" not in \[westeurope\]/,
  },
  {
    rule: "data-residency",
    what: "GCP zone of an allowed region",
    resource: res("gcp:redis/instance:Instance", { region: "europe-west1" }),
  },
  {
    rule: "data-residency",
    what: "GCS multi-region US",
    resource: res("gcp:storage/bucket:Bucket", { location: "US" }),
    violation: /location "us" not in \[europe-west1\]/,
  },
  {
    rule: "data-residency",
    what: "a cloud the profile does not list",
    ctx: ctx({ allowedRegions: { aws: ["eu-*"] } }),
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", { region: "europe-west1" }),
    violation: /cloud gcp is not allowed by ComplianceProfile eu-gdpr \(no allowedRegions.gcp\)/,
  },
  {
    rule: "data-residency",
    what: "Kubernetes objects (no region)",
    resource: res("kubernetes:apps/v1:Deployment", {}),
  },

  // backup-retention
  {
    rule: "backup-retention",
    what: "Aurora keeping 14 days",
    ctx: ctx({ backups: { retentionDays: 14 } }),
    resource: res("aws:rds/cluster:Cluster", { backupRetentionPeriod: 14 }),
  },
  {
    rule: "backup-retention",
    what: "Aurora keeping 7 of 14 days",
    ctx: ctx({ backups: { retentionDays: 14 } }),
    resource: res("aws:rds/cluster:Cluster", { backupRetentionPeriod: 7 }),
    violation:
      /backupRetentionPeriod is 7: must be at least 14 days \(backups.retentionDays of ComplianceProfile eu-gdpr\)/,
  },
  {
    rule: "backup-retention",
    what: "Aurora on the default",
    resource: res("aws:rds/cluster:Cluster", {}),
    violation: /backupRetentionPeriod is \(absent\) \(the service keeps 1\): must be at least 7 days/,
  },
  {
    rule: "backup-retention",
    what: "suspended S3 versioning",
    resource: res("aws:s3/bucketVersioning:BucketVersioning", {
      versioningConfiguration: { status: "Suspended" },
    }),
    violation: /versioningConfiguration.status is "Suspended": must be Enabled/,
  },
  {
    rule: "backup-retention",
    what: "Flexible Server keeping 35 days",
    resource: res("azure-native:dbforpostgresql:Server", { backup: { backupRetentionDays: 35 } }),
  },
  {
    rule: "backup-retention",
    what: "Cloud SQL without PITR when asked",
    ctx: ctx({ backups: { retentionDays: 7, pointInTimeRecovery: true } }),
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", {
      settings: { backupConfiguration: { enabled: true, backupRetentionSettings: { retainedBackups: 7 } } },
    }),
    violation: /pointInTimeRecoveryEnabled is \(absent\): must be true \(backups.pointInTimeRecovery/,
  },
  {
    rule: "backup-retention",
    what: "Cloud SQL with backups off",
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", {
      settings: { backupConfiguration: { enabled: false } },
    }),
    violation: /settings.backupConfiguration.enabled is false: must be true/,
  },

  // no-public-access
  {
    rule: "no-public-access",
    what: "S3 public access fully blocked",
    resource: res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
  },
  {
    rule: "no-public-access",
    what: "S3 public policies allowed",
    resource: res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", {
      blockPublicAcls: true,
      blockPublicPolicy: false,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    violation: /blockPublicPolicy is false: must be true/,
  },
  {
    rule: "no-public-access",
    what: "bucket policy allowing everyone",
    resource: res("aws:s3/bucketPolicy:BucketPolicy", {
      policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }),
    }),
    violation: /Statement\[0\] allows Principal "\*" without a Condition/,
  },
  {
    rule: "no-public-access",
    what: "publicly accessible Aurora instance",
    resource: res("aws:rds/clusterInstance:ClusterInstance", { publiclyAccessible: true }),
    violation: /publiclyAccessible is true: must be false \(databases are never public\)/,
  },
  {
    rule: "no-public-access",
    what: "EKS public endpoint under privateOnly",
    ctx: ctx({ network: { privateOnly: true } }),
    resource: res("aws:eks/cluster:Cluster", { vpcConfig: {} }),
    violation: /vpcConfig.endpointPublicAccess is \(absent\) \(the default is true\): must be false/,
  },
  {
    rule: "no-public-access",
    what: "blob container with public blobs",
    resource: res("azure-native:storage:BlobContainer", { publicAccess: "Blob" }),
    violation: /publicAccess is "Blob": must be None/,
  },
  {
    rule: "no-public-access",
    what: "Flexible Server closed to the internet",
    resource: res("azure-native:dbforpostgresql:Server", { network: { publicNetworkAccess: "Disabled" } }),
  },
  {
    rule: "no-public-access",
    what: "GCS with public access prevention",
    resource: res("gcp:storage/bucket:Bucket", { publicAccessPrevention: "enforced" }),
  },
  {
    rule: "no-public-access",
    what: "GCS granted to allUsers",
    resource: res("gcp:storage/bucketIAMMember:BucketIAMMember", {
      member: "allUsers",
      role: "roles/storage.objectViewer",
    }),
    violation: /member is "allUsers": buckets are never public/,
  },
  {
    rule: "no-public-access",
    what: "Cloud SQL open to 0.0.0.0/0",
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", {
      settings: { ipConfiguration: { authorizedNetworks: [{ value: "0.0.0.0/0" }] } },
    }),
    violation: /authorizedNetworks has 0.0.0.0\/0/,
  },
  {
    rule: "no-public-access",
    what: "internal LoadBalancer under privateOnly",
    ctx: ctx({ network: { privateOnly: true } }),
    resource: res("kubernetes:core/v1:Service", {
      metadata: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" } },
      spec: { type: "LoadBalancer" },
    }),
  },
  {
    rule: "no-public-access",
    what: "public LoadBalancer under privateOnly",
    ctx: ctx({ network: { privateOnly: true } }),
    resource: res("kubernetes:core/v1:Service", { spec: { type: "LoadBalancer" } }),
    violation: /spec.type is "LoadBalancer" without an internal load balancer annotation/,
  },

  // tls-min-version
  {
    rule: "tls-min-version",
    what: "TLS-only bucket policy",
    resource: res("aws:s3/bucketPolicy:BucketPolicy", { policy: tlsOnly }),
  },
  {
    rule: "tls-min-version",
    what: "bucket policy without TLS",
    resource: res("aws:s3/bucketPolicy:BucketPolicy", { policy: JSON.stringify({ Statement: [] }) }),
    violation: /no Deny on Condition Bool "aws:SecureTransport": "false"/,
  },
  {
    rule: "tls-min-version",
    what: "TLS-only bucket policy when 1.3 is asked",
    ctx: ctx({ encryption: { tlsMinVersion: "1.3" } }),
    resource: res("aws:s3/bucketPolicy:BucketPolicy", { policy: tlsOnly }),
    violation: /no Deny on Condition NumericLessThan "s3:TlsVersion": "1.3"/,
  },
  {
    rule: "tls-min-version",
    what: "ElastiCache in transit",
    resource: res("aws:elasticache/replicationGroup:ReplicationGroup", { transitEncryptionEnabled: true }),
  },
  {
    rule: "tls-min-version",
    what: "ElastiCache in clear",
    resource: res("aws:elasticache/replicationGroup:ReplicationGroup", { transitEncryptionEnabled: false }),
    violation: /transitEncryptionEnabled is false: must be true/,
  },
  {
    rule: "tls-min-version",
    what: "Aurora parameters without force_ssl",
    resource: res("aws:rds/clusterParameterGroup:ClusterParameterGroup", {
      family: "aurora-postgresql16",
      parameters: [],
    }),
    violation: /rds.force_ssl is \(absent\): must be "1"/,
  },
  {
    rule: "tls-min-version",
    what: "storage account at TLS1_2",
    resource: res("azure-native:storage:StorageAccount", { minimumTlsVersion: "TLS1_2" }),
  },
  {
    rule: "tls-min-version",
    what: "storage account at TLS1_2 when 1.3 is asked",
    ctx: ctx({ encryption: { tlsMinVersion: "1.3" } }),
    resource: res("azure-native:storage:StorageAccount", { minimumTlsVersion: "TLS1_2" }),
    violation:
      /minimumTlsVersion is "TLS1_2": must be at least TLS 1.3 \(encryption.tlsMinVersion 1.3 of ComplianceProfile eu-gdpr\)/,
  },
  {
    rule: "tls-min-version",
    what: "Azure Redis on the default",
    resource: res("azure-native:redis:Redis", {}),
    violation: /minimumTlsVersion is \(absent\) \(the service default 1.0\): must be at least TLS 1.2/,
  },
  {
    rule: "tls-min-version",
    what: "Cloud SQL allowing plaintext",
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", {
      settings: { ipConfiguration: { sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } },
    }),
    violation: /sslMode is "ALLOW_UNENCRYPTED_AND_ENCRYPTED": must be ENCRYPTED_ONLY/,
  },
  {
    rule: "tls-min-version",
    what: "Memorystore with server authentication",
    resource: res("gcp:redis/instance:Instance", { transitEncryptionMode: "SERVER_AUTHENTICATION" }),
  },
  {
    rule: "tls-min-version",
    what: "ALB listener with a TLS 1.3 policy",
    resource: res("aws:lb/listener:Listener", {
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    }),
  },

  // deletion-protection
  {
    rule: "deletion-protection",
    what: "protected Aurora in a silo",
    resource: res("aws:rds/cluster:Cluster", { deletionProtection: true }),
  },
  {
    rule: "deletion-protection",
    what: "unprotected Aurora in a silo",
    resource: res("aws:rds/cluster:Cluster", { deletionProtection: false }),
    violation: /deletionProtection is false: must be true/,
  },
  {
    rule: "deletion-protection",
    what: "unprotected Aurora in a pool without the profile asking",
    ctx: ctx({}, { tier: "professional" }),
    resource: res("aws:rds/cluster:Cluster", {}),
  },
  {
    rule: "deletion-protection",
    what: "local dedicated database under deletionProtection",
    ctx: ctx({ deletionProtection: true }, { cloud: "local", region: undefined }),
    resource: res("pulumi-nodejs:dynamic/local:PostgresTenant", { dedicatedDatabase: true }),
    violation: /protect is false/,
  },
  {
    rule: "deletion-protection",
    what: "local dedicated database without deletionProtection",
    ctx: ctx({}, { cloud: "local", region: undefined }),
    resource: res("pulumi-nodejs:dynamic/local:PostgresTenant", { dedicatedDatabase: true }),
  },
  {
    rule: "deletion-protection",
    what: "local pooled schema under deletionProtection (the pool's database)",
    ctx: ctx({ deletionProtection: true }, { cloud: "local", region: undefined, tier: "professional" }),
    resource: res("pulumi-nodejs:dynamic/local:PostgresTenant", { dedicatedDatabase: false }),
  },
  {
    rule: "deletion-protection",
    what: "GCS bucket that force-destroys",
    resource: res("gcp:storage/bucket:Bucket", { forceDestroy: true }),
    violation: /forceDestroy is true: must be false/,
  },

  // logging
  {
    rule: "logging",
    what: "Aurora exporting PostgreSQL logs",
    resource: res("aws:rds/cluster:Cluster", { enabledCloudwatchLogsExports: ["postgresql"] }),
  },
  {
    rule: "logging",
    what: "Aurora exporting nothing",
    resource: res("aws:rds/cluster:Cluster", {}),
    violation: /enabledCloudwatchLogsExports is \(absent\): must include \[postgresql\]/,
  },
  {
    rule: "logging",
    what: "EKS without audit logs",
    resource: res("aws:eks/cluster:Cluster", { enabledClusterLogTypes: ["api"] }),
    violation: /must include \[audit, authenticator\]/,
  },
  {
    rule: "logging",
    what: "AKS with the monitoring agent",
    resource: res("azure-native:containerservice:ManagedCluster", {
      addonProfiles: { omsagent: { enabled: true } },
    }),
  },
  {
    rule: "logging",
    what: "Aurora instance exporting nothing",
    resource: res("aws:rds/instance:Instance", { enabledCloudwatchLogsExports: [] }),
    violation: /must include \[postgresql\]/,
  },
  {
    rule: "logging",
    what: "GKE with logging off",
    resource: res("gcp:container/cluster:Cluster", { loggingService: "none" }),
    violation: /loggingService is "none"/,
  },
  {
    rule: "logging",
    what: "Cloud SQL logging connections",
    resource: res("gcp:sql/databaseInstance:DatabaseInstance", {
      settings: {
        databaseFlags: [
          { name: "log_connections", value: "on" },
          { name: "log_disconnections", value: "on" },
        ],
      },
    }),
  },
];

const byName = new Map(RULES.map((r) => [r.name, r]));

interface StackCase {
  rule: RuleName;
  what: string;
  resources: RuleResource[];
  ctx?: RuleContext;
  violation?: RegExp;
}

const azure = ctx({}, { cloud: "azure", region: "westeurope" });
const server = res("azure-native:dbforpostgresql:Server", { resourceGroupName: "rg-acme" });
const group = {
  ...res("azure-native:resources:ResourceGroup", { resourceGroupName: "rg-acme" }),
  name: "rg",
  id: "/subscriptions/s/resourceGroups/rg-acme",
};
const lock = (level: string, extra: Partial<RuleResource> = {}) => ({
  ...res("azure-native:authorization:ManagementLockByScope", { level, scope: "(unknown before create)" }),
  name: "lock",
  ...extra,
});
const aks = {
  ...res("azure-native:containerservice:ManagedCluster", {}),
  name: "aks",
  id: "/subscriptions/s/aks",
};
const bucket = { ...res("gcp:storage/bucket:Bucket", {}), name: "docs" };

const stackCases: StackCase[] = [
  {
    rule: "deletion-protection",
    what: "Flexible Server in an unlocked group",
    ctx: azure,
    resources: [group, server],
    violation:
      /^r \(azure-native:dbforpostgresql:Server\): resource group "rg-acme" has no CanNotDelete management lock and protect is false/,
  },
  {
    rule: "deletion-protection",
    what: "Flexible Server in a group locked by scope id",
    ctx: azure,
    resources: [group, server, lock("CanNotDelete", { props: { level: "CanNotDelete", scope: group.id } })],
  },
  {
    rule: "deletion-protection",
    what: "Flexible Server in a group locked through the engine's dependencies",
    ctx: azure,
    resources: [group, server, lock("CanNotDelete", { dependencies: { scope: ["rg"] } })],
  },
  {
    rule: "deletion-protection",
    what: "Flexible Server under a lock that allows deletion",
    ctx: azure,
    resources: [group, server, lock("NotSpecified", { dependencies: { scope: ["rg"] } })],
    violation: /has no CanNotDelete management lock/,
  },
  {
    rule: "deletion-protection",
    what: "Flexible Server with Pulumi protect",
    ctx: azure,
    resources: [{ ...server, protect: true }],
  },
  {
    rule: "logging",
    what: "AKS without any log destination",
    resources: [aks],
    violation:
      /^aks \(azure-native:containerservice:ManagedCluster\): no omsagent addon, azureMonitorProfile or diagnostic setting with logs enabled/,
  },
  {
    rule: "logging",
    what: "AKS with a diagnostic setting sending its logs",
    resources: [
      aks,
      res("azure-native:monitor:DiagnosticSetting", {
        resourceUri: aks.id,
        logs: [{ categoryGroup: "audit", enabled: true }],
      }),
    ],
  },
  {
    rule: "logging",
    what: "GCS without access logs or audit logs",
    resources: [bucket],
    violation:
      /^docs \(gcp:storage\/bucket:Bucket\): logging.logBucket is \(absent\) and no IAMAuditConfig logs DATA_READ\/DATA_WRITE/,
  },
  {
    rule: "logging",
    what: "GCS under Cloud Audit Logs for storage",
    resources: [
      bucket,
      res("gcp:projects/iAMAuditConfig:IAMAuditConfig", {
        service: "storage.googleapis.com",
        auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
      }),
    ],
  },
];

describe("compliance rules", () => {
  it.each(cases)("$rule: $what", ({ rule, resource, ctx: given, violation }) => {
    const found = byName.get(rule)?.checkResource(resource, given ?? ctx()) ?? ["no such rule"];
    if (violation) {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(violation);
    } else {
      expect(found).toEqual([]);
    }
  });

  it.each(stackCases)("$rule across the stack: $what", ({ rule, resources, ctx: given, violation }) => {
    const found = byName.get(rule)?.checkStack?.(resources, given ?? ctx()) ?? ["no stack check"];
    if (violation) {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(violation);
    } else {
      expect(found).toEqual([]);
    }
  });

  it("every rule has a compliant and a violating case", () => {
    for (const rule of RULES) {
      const mine = cases.filter((c) => c.rule === rule.name);
      expect(
        mine.some((c) => c.violation),
        rule.name,
      ).toBe(true);
      expect(
        mine.some((c) => !c.violation),
        rule.name,
      ).toBe(true);
    }
  });

  it("ignores resource types a rule does not know", () => {
    for (const rule of RULES) {
      expect(
        rule.checkResource(res("random:index/randomPassword:RandomPassword", { length: 8 }), ctx()),
      ).toEqual([]);
    }
  });
});
