// PostgreSQL Flexible Server 15 inside the VNet (delegated subnet, private DNS zone, no public
// access), backups kept for the profile's days; a silo adds geo-redundant backups and a zone-
// redundant standby.
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { TierSizing } from "../shared/index.ts";
import type { RandomSecret } from "../shared/random-secret.ts";

export const POSTGRES_VERSION = "15";
/** The server's administrator: the runtime migrates with it; tenants get their own roles. */
export const ADMIN_LOGIN = "wspecadmin";

export interface FlexibleServerArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly serverName: string;
  readonly adminPassword: pulumi.Input<string>;
  readonly sizing: TierSizing;
  readonly backupRetentionDays: number;
  readonly geoRedundantBackup: boolean;
  readonly highAvailability: boolean;
  readonly delegatedSubnetId: pulumi.Input<string>;
  readonly privateDnsZoneId: pulumi.Input<string>;
  readonly azureTenantId: pulumi.Input<string>;
  /** Encrypt with a Key Vault key through this identity (which must hold a role on the key). */
  readonly cmk?: { readonly identityId: pulumi.Input<string>; readonly keyUri: pulumi.Input<string> };
  readonly tags: Readonly<Record<string, string>>;
}

export function flexibleServer(
  name: string,
  args: FlexibleServerArgs,
  opts: pulumi.CustomResourceOptions,
): dbforpostgresql.Server {
  return new dbforpostgresql.Server(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      serverName: args.serverName,
      version: POSTGRES_VERSION,
      administratorLogin: ADMIN_LOGIN,
      administratorLoginPassword: args.adminPassword,
      authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled", tenantId: args.azureTenantId },
      sku: { name: args.sizing.azure.dbSkuName, tier: args.sizing.azure.dbSkuTier },
      storage: { storageSizeGB: args.sizing.dbStorageGiB, autoGrow: "Enabled" },
      backup: {
        backupRetentionDays: args.backupRetentionDays,
        geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled",
      },
      highAvailability: { mode: args.highAvailability ? "ZoneRedundant" : "Disabled" },
      ...(args.cmk
        ? {
            identity: pulumi
              .output(args.cmk.identityId)
              .apply((id) => ({ type: "UserAssigned", userAssignedIdentities: { [id]: {} } })),
            dataEncryption: {
              type: "AzureKeyVault",
              // Versionless: the server follows the key's rotation by itself.
              primaryKeyURI: args.cmk.keyUri,
              primaryUserAssignedIdentityId: args.cmk.identityId,
            },
          }
        : { dataEncryption: { type: "SystemManaged" } }),
      network: {
        delegatedSubnetResourceId: args.delegatedSubnetId,
        privateDnsZoneArmResourceId: args.privateDnsZoneId,
        publicNetworkAccess: "Disabled",
      },
      tags: args.tags,
    },
    opts,
  );
}

/**
 * Server parameters: refuse unencrypted and pre-minimum TLS connections, and log connections,
 * disconnections and checkpoints (the audit trail the workspace receives).
 */
export function serverParameters(
  name: string,
  args: { resourceGroupName: pulumi.Input<string>; serverName: pulumi.Input<string>; tlsMinVersion: string },
  opts: pulumi.CustomResourceOptions,
): dbforpostgresql.Configuration[] {
  const settings: [string, string][] = [
    ["require_secure_transport", "on"],
    ["ssl_min_protocol_version", `TLSv${args.tlsMinVersion}`],
    ["log_connections", "on"],
    ["log_disconnections", "on"],
    ["log_checkpoints", "on"],
  ];
  const made: dbforpostgresql.Configuration[] = [];
  for (const [configurationName, value] of settings) {
    const previous = made.at(-1);
    made.push(
      new dbforpostgresql.Configuration(
        `${name}-${configurationName.replaceAll("_", "-")}`,
        {
          resourceGroupName: args.resourceGroupName,
          serverName: args.serverName,
          configurationName,
          value,
          source: "user-override",
        },
        // One after another: the server takes one parameter change at a time.
        { ...opts, ...(previous ? { dependsOn: [previous] } : {}) },
      ),
    );
  }
  return made;
}

/**
 * An admin password Azure accepts: it asks for three of upper, lower, digit and symbol, and the
 * random part is hex (lower and digits). The fixed tail adds the other classes, not entropy.
 */
export function azurePassword(secret: RandomSecret): pulumi.Output<string> {
  return pulumi.secret(pulumi.interpolate`${secret.value}-Wx`);
}
