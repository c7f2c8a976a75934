// encryption-at-rest: every data store is encrypted, and with a key the customer controls when the
// profile says encryption.customerManagedKeys. Azure Cache for Redis below the Enterprise SKU has
// no customer-managed key option: it is encrypted with platform keys and is not checked for one.
import { at, list, type Props, runChecks, str, type TypeChecks } from "./props.ts";
import type { ComplianceRule, RuleContext, TenantFinding } from "./types.ts";

const CMK = "encryption.customerManagedKeys";

const cmk = (ctx: RuleContext) => ctx.profile.encryption.customerManagedKeys;
const requires = (ctx: RuleContext) =>
  `ComplianceProfile ${ctx.profileName} requires customer-managed keys (${CMK})`;
const missing = (v: unknown) => str(v) === undefined || str(v) === "";

/** `flag` must be true; with CMK required, `keyField` must name a key too. */
function encryptedWithKey(
  props: Props,
  ctx: RuleContext,
  flag: string | undefined,
  keyField: string,
): string[] {
  const out: string[] = [];
  if (flag !== undefined && at(props, flag) !== true && at(props, flag) !== "true") {
    out.push(`${flag} is ${JSON.stringify(at(props, flag)) ?? "(absent)"}: must be true`);
  }
  if (cmk(ctx) && missing(at(props, keyField))) out.push(`${keyField} is (absent): ${requires(ctx)}`);
  return out;
}

function s3Rules(props: Props, ctx: RuleContext): string[] {
  const rules = list(at(props, "rules"));
  if (rules.length === 0) return ["rules is empty: a default encryption rule is required"];
  return rules.flatMap((_, i) => {
    const base = `rules.${i}.applyServerSideEncryptionByDefault`;
    const algorithm = str(at(props, `${base}.sseAlgorithm`));
    if (!cmk(ctx)) return algorithm ? [] : [`${base}.sseAlgorithm is (absent): must be AES256 or aws:kms`];
    const out: string[] = [];
    if (algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") {
      out.push(
        `${base}.sseAlgorithm is ${JSON.stringify(algorithm) ?? "(absent)"}: must be aws:kms or aws:kms:dsse; ${requires(ctx)}`,
      );
    }
    if (missing(at(props, `${base}.kmsMasterKeyId`)))
      out.push(`${base}.kmsMasterKeyId is (absent): ${requires(ctx)}`);
    return out;
  });
}

const checks: TypeChecks<RuleContext> = {
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": s3Rules,
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": s3Rules,
  "aws:rds/cluster:Cluster": (p, ctx) => encryptedWithKey(p, ctx, "storageEncrypted", "kmsKeyId"),
  "aws:rds/instance:Instance": (p, ctx) => encryptedWithKey(p, ctx, "storageEncrypted", "kmsKeyId"),
  "aws:elasticache/replicationGroup:ReplicationGroup": (p, ctx) =>
    encryptedWithKey(p, ctx, "atRestEncryptionEnabled", "kmsKeyId"),
  "aws:eks/cluster:Cluster": (p, ctx) => {
    if (!cmk(ctx)) return [];
    const configured = list(at(p, "encryptionConfig.resources")).includes("secrets");
    return configured && !missing(at(p, "encryptionConfig.provider.keyArn"))
      ? []
      : [
          `encryptionConfig does not encrypt secrets with a KMS key (resources ["secrets"], provider.keyArn): ${requires(ctx)}`,
        ];
  },
  "aws:kms/key:Key": (p, ctx) =>
    cmk(ctx) && at(p, "enableKeyRotation") !== true
      ? [
          `enableKeyRotation is ${JSON.stringify(at(p, "enableKeyRotation")) ?? "(absent)"}: customer-managed keys must rotate`,
        ]
      : [],
  "azure-native:storage:StorageAccount": (p, ctx) => {
    if (!cmk(ctx)) return [];
    const out: string[] = [];
    const source = str(at(p, "encryption.keySource"));
    if (source?.toLowerCase() !== "microsoft.keyvault") {
      out.push(
        `encryption.keySource is ${JSON.stringify(source) ?? "(absent)"}: must be Microsoft.Keyvault; ${requires(ctx)}`,
      );
    } else if (missing(at(p, "encryption.keyVaultProperties.keyName"))) {
      out.push(`encryption.keyVaultProperties.keyName is (absent): ${requires(ctx)}`);
    }
    return out;
  },
  "azure-native:dbforpostgresql:Server": (p, ctx) => {
    if (!cmk(ctx)) return [];
    const type = str(at(p, "dataEncryption.type"));
    if (type !== "AzureKeyVault") {
      return [
        `dataEncryption.type is ${JSON.stringify(type) ?? "(absent)"}: must be AzureKeyVault; ${requires(ctx)}`,
      ];
    }
    return missing(at(p, "dataEncryption.primaryKeyURI"))
      ? [`dataEncryption.primaryKeyURI is (absent): ${requires(ctx)}`]
      : [];
  },
  "azure-native:containerservice:ManagedCluster": (p, ctx) =>
    cmk(ctx) &&
    missing(at(p, "diskEncryptionSetID")) &&
    at(p, "securityProfile.azureKeyVaultKms.enabled") !== true
      ? [`neither diskEncryptionSetID nor securityProfile.azureKeyVaultKms is set: ${requires(ctx)}`]
      : [],
  "azure-native:keyvault:Vault": (p, ctx) =>
    // Azure refuses a customer-managed key from a vault that can be purged.
    cmk(ctx) && at(p, "properties.enablePurgeProtection") !== true
      ? [
          `properties.enablePurgeProtection is ${JSON.stringify(at(p, "properties.enablePurgeProtection")) ?? "(absent)"}: keys for customer-managed encryption need purge protection`,
        ]
      : [],
  "gcp:storage/bucket:Bucket": (p, ctx) =>
    cmk(ctx) && missing(at(p, "encryption.defaultKmsKeyName"))
      ? [`encryption.defaultKmsKeyName is (absent): ${requires(ctx)}`]
      : [],
  "gcp:sql/databaseInstance:DatabaseInstance": (p, ctx) =>
    cmk(ctx) && missing(at(p, "encryptionKeyName"))
      ? [`encryptionKeyName is (absent): ${requires(ctx)}`]
      : [],
  "gcp:redis/instance:Instance": (p, ctx) =>
    cmk(ctx) && missing(at(p, "customerManagedKey"))
      ? [`customerManagedKey is (absent): ${requires(ctx)}`]
      : [],
  "gcp:container/cluster:Cluster": (p, ctx) =>
    cmk(ctx) &&
    (at(p, "databaseEncryption.state") !== "ENCRYPTED" || missing(at(p, "databaseEncryption.keyName")))
      ? [`databaseEncryption is not ENCRYPTED with a keyName: ${requires(ctx)}`]
      : [],
  "gcp:kms/cryptoKey:CryptoKey": (p, ctx) =>
    cmk(ctx) && missing(at(p, "rotationPeriod"))
      ? ["rotationPeriod is (absent): customer-managed keys must rotate"]
      : [],
};

export const encryptionAtRest: ComplianceRule = {
  name: "encryption-at-rest",
  description:
    "Data stores are encrypted at rest, with customer-managed keys when the ComplianceProfile asks (encryption.customerManagedKeys).",
  controls: [CMK],
  checkResource: (resource, ctx) => runChecks(checks, resource, ctx),
  checkTenant(ctx): TenantFinding[] {
    if (!cmk(ctx)) return [];
    const why = `ComplianceProfile ${ctx.profileName} requires customer-managed keys (spec.encryption.customerManagedKeys); rule encryption-at-rest`;
    const findings: TenantFinding[] = [];
    if (ctx.tenant.cloud === "local") {
      findings.push({
        field: "spec.cloud",
        reason: "CustomerManagedKeysUnavailable",
        message: `spec.cloud "local" has no key management service; ${why}: allowed [aws, azure, gcp]`,
      });
    }
    // Pooled tiers keep their data in the platform's shared stores, under the platform's keys.
    if (ctx.tenant.tier !== "enterprise") {
      findings.push({
        field: "spec.tier",
        reason: "CustomerManagedKeysUnavailable",
        message: `spec.tier "${ctx.tenant.tier}" shares the platform's keys; ${why}: allowed [enterprise]`,
      });
    }
    return findings;
  },
};
