// Key Vault and the keys that encrypt tenant data. The vault authorizes by Azure RBAC, so access
// is granted per key (a role assignment whose scope is the key), never vault-wide access policies.
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import type * as pulumi from "@pulumi/pulumi";

/** Rotate a year after creation; notify a month before expiry (two years) if rotation failed. */
export const KEY_ROTATION = { rotateAfter: "P365D", expiresAfter: "P2Y", notifyBefore: "P30D" } as const;
/** The longest soft-delete retention Azure allows: a deleted key stays recoverable for 90 days. */
export const SOFT_DELETE_DAYS = 90;

export interface VaultArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly vaultName: string;
  readonly azureTenantId: pulumi.Input<string>;
  readonly tags: Readonly<Record<string, string>>;
}

export function keyVault(name: string, args: VaultArgs, opts: { parent: pulumi.Resource }): keyvault.Vault {
  return new keyvault.Vault(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      vaultName: args.vaultName,
      properties: {
        tenantId: args.azureTenantId,
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        // Customer-managed keys require both; purge protection cannot be turned off again.
        enableSoftDelete: true,
        softDeleteRetentionInDays: SOFT_DELETE_DAYS,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        // Storage and PostgreSQL reach their keys as trusted services; everyone else through the
        // private endpoint.
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
      tags: args.tags,
    },
    opts,
  );
}

export interface KeyArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly vaultName: pulumi.Input<string>;
  readonly keyName: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** An RSA-HSM key that rotates itself (KEY_ROTATION). */
export function rotatingKey(name: string, args: KeyArgs, opts: pulumi.CustomResourceOptions): keyvault.Key {
  return new keyvault.Key(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      vaultName: args.vaultName,
      keyName: args.keyName,
      properties: {
        kty: "RSA-HSM",
        keySize: 3072,
        keyOps: ["wrapKey", "unwrapKey", "encrypt", "decrypt"],
        rotationPolicy: {
          attributes: { expiryTime: KEY_ROTATION.expiresAfter },
          lifetimeActions: [
            { action: { type: "rotate" }, trigger: { timeAfterCreate: KEY_ROTATION.rotateAfter } },
            { action: { type: "notify" }, trigger: { timeBeforeExpiry: KEY_ROTATION.notifyBefore } },
          ],
        },
      },
      tags: args.tags,
    },
    opts,
  );
}
