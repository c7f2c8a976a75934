// deletion-protection: an enterprise silo's data stores cannot be deleted by accident (the cloud's
// own flag, or Pulumi's `protect` where the service has none), and under
// ComplianceProfile.deletionProtection the Tenant must keep its infrastructure when deleted
// (deletionPolicy Retain). Pooled tiers keep their data in the platform's stores, which the
// platform stack protects; on the local target the same holds when the profile asks for it.
import { at, type Props, refersTo, runChecks, str, type TypeChecks, violation } from "./props.ts";
import type { ComplianceRule, RuleContext, RuleResource, TenantFinding } from "./types.ts";

const shown = (v: unknown) => JSON.stringify(v) ?? "(absent)";

/** Data stores whose loss is the tenant's data lost: the cloud flag that protects each. */
const flag = (field: string) => (p: Props) =>
  at(p, field) === true ? [] : [`${field} is ${shown(at(p, field))}: must be true`];

const checks: TypeChecks<RuleContext> = {
  "aws:rds/cluster:Cluster": flag("deletionProtection"),
  "aws:rds/instance:Instance": flag("deletionProtection"),
  "gcp:sql/databaseInstance:DatabaseInstance": flag("deletionProtection"),
  "gcp:container/cluster:Cluster": flag("deletionProtection"),
  "aws:s3/bucket:Bucket": (p) =>
    at(p, "forceDestroy") === true ? ["forceDestroy is true: must be false"] : [],
  "aws:s3/bucketV2:BucketV2": (p) =>
    at(p, "forceDestroy") === true ? ["forceDestroy is true: must be false"] : [],
  "gcp:storage/bucket:Bucket": (p) =>
    at(p, "forceDestroy") === true ? ["forceDestroy is true: must be false"] : [],
  "aws:kms/key:Key": (p) => {
    // A scheduled key deletion can be cancelled within its window; the shortest window (7) is too tight.
    const window = at(p, "deletionWindowInDays");
    return typeof window === "number" && window < 30 ? [`deletionWindowInDays is ${window}: must be 30`] : [];
  },
  "azure-native:keyvault:Vault": flag("properties.enablePurgeProtection"),
};

/**
 * Azure stores with no protection flag of their own: a CanNotDelete (or ReadOnly) management lock
 * on their resource group, or Pulumi's `protect`. Checked over the whole stack, where the lock is.
 */
const AZURE_STORES = new Set(["azure-native:dbforpostgresql:Server", "azure-native:storage:StorageAccount"]);
const LOCK = /^azure-native:authorization:ManagementLock/;

/** Names of the resource groups a deleting lock covers. */
function lockedGroups(resources: readonly RuleResource[]): Set<string> {
  const groups = new Set<string>();
  const rgs = resources.filter((r) => r.type === "azure-native:resources:ResourceGroup");
  for (const lock of resources.filter((r) => LOCK.test(r.type))) {
    if (!["CanNotDelete", "ReadOnly"].includes(String(at(lock.props, "level")))) continue;
    const direct = str(at(lock.props, "resourceGroupName"));
    if (lock.type.endsWith("AtResourceGroupLevel") && direct) groups.add(direct);
    const byPath = /\/resourceGroups\/([^/]+)$/i.exec(str(at(lock.props, "scope")) ?? "")?.[1];
    if (byPath) groups.add(byPath);
    for (const rg of rgs.filter((g) => refersTo(lock, "scope", g))) {
      const name = str(at(rg.props, "resourceGroupName")) ?? str(at(rg.props, "name"));
      if (name) groups.add(name);
    }
  }
  return groups;
}

/** The local target's own data stores (stacks/local): a dedicated database, and a storage directory. */
function isLocalDataStore(r: RuleResource): boolean {
  if (r.type === "pulumi-nodejs:dynamic/local:StorageDir") return true;
  if (r.type === "pulumi-nodejs:dynamic/local:PostgresTenant") return r.props.dedicatedDatabase === true;
  return false;
}

/** Whether the rule asks anything of this tenant's resources. */
function active(ctx: RuleContext): boolean {
  if (ctx.profile.deletionProtection) return true;
  // An enterprise silo's stores hold the only copy of its data (see stacks/shared stackProfile).
  return ctx.tenant.tier === "enterprise" && ctx.tenant.cloud !== "local";
}

export const deletionProtection: ComplianceRule = {
  name: "deletion-protection",
  description:
    "Enterprise silos' data stores (and every tenant's under ComplianceProfile.deletionProtection) cannot be deleted: the service's flag or Pulumi protect.",
  controls: ["deletionProtection"],
  checkResource(resource, ctx) {
    if (!active(ctx)) return [];
    const out = runChecks(checks, resource, ctx);
    if (isLocalDataStore(resource) && resource.protect !== true) {
      out.push(
        violation(
          resource,
          `protect is ${shown(resource.protect ?? false)}: a data store without a deletion flag of its own must be protected (Pulumi protect)`,
        ),
      );
    }
    return out;
  },
  checkStack(resources, ctx) {
    if (!active(ctx)) return [];
    const locked = lockedGroups(resources);
    return resources
      .filter((r) => AZURE_STORES.has(r.type) && r.protect !== true)
      .filter((r) => !locked.has(String(at(r.props, "resourceGroupName"))))
      .map((r) =>
        violation(
          r,
          `resource group ${shown(at(r.props, "resourceGroupName"))} has no CanNotDelete management lock and protect is false: one must keep the store from deletion`,
        ),
      );
  },
  checkTenant(ctx): TenantFinding[] {
    const { tenant, profileName } = ctx;
    if (!ctx.profile.deletionProtection || tenant.deletionPolicy === "Retain") return [];
    return [
      {
        field: "spec.deletionPolicy",
        reason: "DeletionPolicyNotAllowed",
        message: `spec.deletionPolicy "${tenant.deletionPolicy}" not allowed by ComplianceProfile ${profileName} (deletionProtection: true; rule deletion-protection): allowed [Retain]`,
      },
    ];
  },
};
