// Cloud SQL for PostgreSQL 15 encrypted with the tenant's KMS key, reachable on a private address
// only, TLS required, daily backups kept for the profile's days with point-in-time recovery, and
// deletion protection both in Cloud SQL and in Pulumi.
import * as sql from "@pulumi/gcp/sql/index.js";
import type * as pulumi from "@pulumi/pulumi";
import type { TierSizing } from "../shared/index.ts";

export const DATABASE_VERSION = "POSTGRES_15";
/** The longest write-ahead-log retention the ENTERPRISE edition allows (PITR window). */
export const MAX_TRANSACTION_LOG_DAYS = 7;

export interface CloudSqlArgs {
  readonly project: string;
  readonly region: string;
  readonly instanceName: string;
  readonly networkId: pulumi.Input<string>;
  readonly encryptionKeyId: pulumi.Input<string>;
  readonly sizing: TierSizing;
  readonly backupRetentionDays: number;
  readonly pointInTimeRecovery: boolean;
  /** A standby in another zone (REGIONAL). */
  readonly highAvailability: boolean;
  readonly deletionProtection: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export function cloudSqlInstance(
  name: string,
  args: CloudSqlArgs,
  opts: pulumi.CustomResourceOptions,
): sql.DatabaseInstance {
  return new sql.DatabaseInstance(
    name,
    {
      project: args.project,
      region: args.region,
      name: args.instanceName,
      databaseVersion: DATABASE_VERSION,
      encryptionKeyName: args.encryptionKeyId,
      deletionProtection: args.deletionProtection,
      settings: {
        tier: args.sizing.gcp.dbTier,
        edition: "ENTERPRISE",
        availabilityType: args.highAvailability ? "REGIONAL" : "ZONAL",
        diskType: "PD_SSD",
        diskSize: args.sizing.dbStorageGiB,
        diskAutoresize: true,
        deletionProtectionEnabled: args.deletionProtection,
        backupConfiguration: {
          enabled: true,
          startTime: "02:00",
          location: args.region,
          pointInTimeRecoveryEnabled: args.pointInTimeRecovery,
          // Point-in-time recovery reaches back as far as the logs are kept; Cloud SQL caps that
          // at 7 days on this edition, while daily backups cover the profile's full retention.
          transactionLogRetentionDays: Math.min(args.backupRetentionDays, MAX_TRANSACTION_LOG_DAYS),
          backupRetentionSettings: { retainedBackups: args.backupRetentionDays, retentionUnit: "COUNT" },
        },
        ipConfiguration: {
          ipv4Enabled: false,
          privateNetwork: args.networkId,
          sslMode: "ENCRYPTED_ONLY",
        },
        databaseFlags: [
          { name: "log_connections", value: "on" },
          { name: "log_disconnections", value: "on" },
          { name: "log_min_error_statement", value: "error" },
        ],
        insightsConfig: { queryInsightsEnabled: true },
        userLabels: args.labels,
      },
    },
    opts,
  );
}
