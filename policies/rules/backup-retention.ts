// backup-retention: databases keep automated backups at least backups.retentionDays, with
// point-in-time recovery when backups.pointInTimeRecovery asks, and buckets keep object versions
// (what restores a deleted or overwritten document). Aurora and Azure Flexible Server restore to any
// point inside their retention window by design; Cloud SQL needs PITR switched on. Caches (Redis)
// hold no record of their own and are not checked.
import { at, num, type Props, runChecks, type TypeChecks } from "./props.ts";
import type { ComplianceRule, RuleContext } from "./types.ts";

const days = (ctx: RuleContext) => ctx.profile.backups.retentionDays;
const shown = (v: unknown) => JSON.stringify(v) ?? "(absent)";

function atLeast(props: Props, ctx: RuleContext, field: string, fallback: number, unit = "days"): string[] {
  const value = num(at(props, field)) ?? fallback;
  return value >= days(ctx)
    ? []
    : [
        `${field} is ${shown(at(props, field))}${at(props, field) === undefined ? ` (the service keeps ${fallback})` : ""}: must be at least ${days(ctx)} ${unit} (backups.retentionDays of ComplianceProfile ${ctx.profileName})`,
      ];
}

const checks: TypeChecks<RuleContext> = {
  // AWS keeps 1 day when backupRetentionPeriod is absent.
  "aws:rds/cluster:Cluster": (p, ctx) => atLeast(p, ctx, "backupRetentionPeriod", 1),
  "aws:rds/instance:Instance": (p, ctx) => atLeast(p, ctx, "backupRetentionPeriod", 0),
  "aws:s3/bucketVersioning:BucketVersioning": (p) =>
    at(p, "versioningConfiguration.status") === "Enabled"
      ? []
      : [
          `versioningConfiguration.status is ${shown(at(p, "versioningConfiguration.status"))}: must be Enabled`,
        ],
  "azure-native:dbforpostgresql:Server": (p, ctx) => atLeast(p, ctx, "backup.backupRetentionDays", 7),
  "azure-native:storage:BlobServiceProperties": (p) =>
    at(p, "isVersioningEnabled") === true || at(p, "deleteRetentionPolicy.enabled") === true
      ? []
      : [
          "neither isVersioningEnabled nor deleteRetentionPolicy.enabled is true: deleted blobs must be recoverable",
        ],
  "gcp:sql/databaseInstance:DatabaseInstance": (p, ctx) => {
    const base = "settings.backupConfiguration";
    if (at(p, `${base}.enabled`) !== true)
      return [`${base}.enabled is ${shown(at(p, `${base}.enabled`))}: must be true`];
    // One automated backup a day: the count kept is the days kept. Cloud SQL keeps 7 by default.
    const out = atLeast(p, ctx, `${base}.backupRetentionSettings.retainedBackups`, 7, "backups (one a day)");
    if (ctx.profile.backups.pointInTimeRecovery && at(p, `${base}.pointInTimeRecoveryEnabled`) !== true) {
      out.push(
        `${base}.pointInTimeRecoveryEnabled is ${shown(at(p, `${base}.pointInTimeRecoveryEnabled`))}: must be true (backups.pointInTimeRecovery of ComplianceProfile ${ctx.profileName})`,
      );
    }
    return out;
  },
  "gcp:storage/bucket:Bucket": (p) =>
    at(p, "versioning.enabled") === true
      ? []
      : [`versioning.enabled is ${shown(at(p, "versioning.enabled"))}: must be true`],
};

export const backupRetention: ComplianceRule = {
  name: "backup-retention",
  description:
    "Databases keep backups at least the ComplianceProfile's backups.retentionDays (with point-in-time recovery when asked); buckets keep versions.",
  controls: ["backups.retentionDays", "backups.pointInTimeRecovery"],
  checkResource: (resource, ctx) => runChecks(checks, resource, ctx),
  checkTenant: () => [],
};
