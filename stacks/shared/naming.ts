// Cloud resource names derived from a tenant id, within each service's length and character rules.
//
// The readable part is the tenant id and a suffix; when it has to be shortened, or when mapping it
// onto a narrower charset loses information ("a-bc" and "ab-c" both become "abc"), a short hash of
// the original "<tenantId>/<suffix>" is appended, so two long or look-alike tenant ids never end
// up with the same bucket, database or key vault. The same inputs always give the same name, so a
// refresh, a re-run after a crash and the runtime agree without reading state. The operator's
// resourcePrefix (crds/naming.ts) already makes tenant ids unique and ≤ 40 characters;
// this is the second step, fitting `<prefix>-<suffix>` into each cloud's narrower limits.
import { createHash } from "node:crypto";

export type NameCharset =
  /** [a-z0-9-], starting with a letter, no "--", not ending in "-" (RDS, ElastiCache, GCP, Azure). */
  | "lower-alnum-hyphen"
  /** [a-z0-9], starting with a letter (Azure storage accounts). */
  | "lower-alnum";

export interface NameRule {
  readonly maxLength: number;
  readonly charset: NameCharset;
  /** Shorter results are padded with the hash (some services need ≥ 3 or ≥ 6 characters). */
  readonly minLength?: number;
}

/** Characters of the disambiguating hash (hex: 32 bits). */
export const NAME_HASH_LENGTH = 8;

/**
 * The rules of the services the stacks name, one place so every cloud's stack uses the same limit
 * for the same service. Where a service allows more, the limit leaves room for provider suffixes.
 */
export const NAME_RULES = {
  // AWS
  awsS3Bucket: { maxLength: 63, minLength: 3, charset: "lower-alnum-hyphen" },
  awsRdsCluster: { maxLength: 63, charset: "lower-alnum-hyphen" },
  awsElastiCacheReplicationGroup: { maxLength: 40, charset: "lower-alnum-hyphen" },
  awsEksCluster: { maxLength: 100, charset: "lower-alnum-hyphen" },
  awsEksNodeGroup: { maxLength: 63, charset: "lower-alnum-hyphen" },
  awsIamRole: { maxLength: 64, charset: "lower-alnum-hyphen" },
  awsIamPolicy: { maxLength: 128, charset: "lower-alnum-hyphen" },
  awsKmsAlias: { maxLength: 250, charset: "lower-alnum-hyphen" },
  awsSecretsManagerSecret: { maxLength: 512, charset: "lower-alnum-hyphen" },
  awsSubnetGroup: { maxLength: 255, charset: "lower-alnum-hyphen" },
  // Azure
  azureResourceGroup: { maxLength: 90, charset: "lower-alnum-hyphen" },
  azureStorageAccount: { maxLength: 24, minLength: 3, charset: "lower-alnum" },
  azureKeyVault: { maxLength: 24, minLength: 3, charset: "lower-alnum-hyphen" },
  azurePostgresFlexibleServer: { maxLength: 63, minLength: 3, charset: "lower-alnum-hyphen" },
  azureRedisCache: { maxLength: 63, charset: "lower-alnum-hyphen" },
  azureAksCluster: { maxLength: 63, charset: "lower-alnum-hyphen" },
  azureVnet: { maxLength: 64, charset: "lower-alnum-hyphen" },
  azureManagedIdentity: { maxLength: 128, minLength: 3, charset: "lower-alnum-hyphen" },
  // GCP
  gcpGeneric: { maxLength: 63, charset: "lower-alnum-hyphen" },
  gcsBucket: { maxLength: 63, minLength: 3, charset: "lower-alnum-hyphen" },
  gcpGkeCluster: { maxLength: 40, charset: "lower-alnum-hyphen" },
  gcpCloudSqlInstance: { maxLength: 84, charset: "lower-alnum-hyphen" },
  gcpServiceAccountId: { maxLength: 30, minLength: 6, charset: "lower-alnum-hyphen" },
  gcpKmsKeyRing: { maxLength: 63, charset: "lower-alnum-hyphen" },
  gcpMemorystore: { maxLength: 40, charset: "lower-alnum-hyphen" },
  // Kubernetes (DNS-1123 label)
  k8sLabelName: { maxLength: 63, charset: "lower-alnum-hyphen" },
} as const satisfies Record<string, NameRule>;

export type NameRuleKey = keyof typeof NAME_RULES;

function nameHash(tenantId: string, suffix: string): string {
  return createHash("sha256").update(`${tenantId}/${suffix}`).digest("hex").slice(0, NAME_HASH_LENGTH);
}

function normalize(text: string, charset: NameCharset): string {
  const lower = text.toLowerCase();
  if (charset === "lower-alnum") return lower.replace(/[^a-z0-9]/g, "");
  return lower
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
}

const trimEnd = (text: string) => text.replace(/-+$/, "");

/**
 * `<tenantId>-<suffix>` fitted to `rule` (or a key of NAME_RULES). Returned unchanged when it
 * already fits; otherwise mapped onto the charset, cut, and ended with a hash of the input.
 */
export function resourceName(tenantId: string, suffix: string, rule: NameRule | NameRuleKey): string {
  const { maxLength, charset, minLength = 1 }: NameRule = typeof rule === "string" ? NAME_RULES[rule] : rule;
  if (!tenantId) throw new Error("resourceName: tenantId must not be empty");
  if (maxLength < NAME_HASH_LENGTH + 2) {
    throw new Error(`resourceName: maxLength ${maxLength} leaves no room for a name and its hash`);
  }
  const raw = suffix ? `${tenantId}-${suffix}` : tenantId;
  let readable = normalize(raw, charset);
  // Every rule here wants a letter first; "t" keeps ids that start with a digit valid.
  if (!/^[a-z]/.test(readable)) readable = `t${readable}`;
  const lossless = readable === raw;
  if (lossless && readable.length <= maxLength && readable.length >= minLength) return readable;
  const hash = nameHash(tenantId, suffix);
  const sep = charset === "lower-alnum" ? "" : "-";
  const room = maxLength - NAME_HASH_LENGTH - sep.length;
  const head = charset === "lower-alnum" ? readable.slice(0, room) : trimEnd(readable.slice(0, room));
  return `${head}${sep}${hash}`;
}

/** Throws naming the rule unless `name` satisfies it (for names that come from config). */
export function assertName(name: string, rule: NameRule | NameRuleKey, what = "name"): string {
  const r: NameRule = typeof rule === "string" ? NAME_RULES[rule] : rule;
  const pattern =
    r.charset === "lower-alnum" ? /^[a-z][a-z0-9]*$/ : /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;
  const min = r.minLength ?? 1;
  if (name.length < min || name.length > r.maxLength || !pattern.test(name)) {
    throw new Error(
      `${what} "${name}" must be ${min}-${r.maxLength} characters of ${r.charset}, starting with a letter`,
    );
  }
  return name;
}
