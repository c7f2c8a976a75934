// The storage account that holds tenant documents: encrypted with a customer-managed key from Key
// Vault through a user-assigned identity, TLS 1.2+, HTTPS only, no anonymous or shared-key access,
// versioning and soft delete, lifecycle tiers, and write-once immutability when the profile asks.
import * as storage from "@pulumi/azure-native/storage/index.js";
import type * as pulumi from "@pulumi/pulumi";
import type { ObjectLockSettings } from "../shared/index.ts";

/** Blobs move to Cool after 90 days and to Archive after 365 (the same ages on every cloud). */
export const LIFECYCLE_DAYS = { cool: 90, archive: 365 } as const;
/** Deleted blobs, versions and containers stay recoverable this long. */
export const SOFT_DELETE_DAYS = 30;

export interface StorageAccountArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly accountName: string;
  /** The user-assigned identity storage unwraps its key with (it must hold a role on the key). */
  readonly identityId: pulumi.Input<string>;
  readonly keyVaultUri: pulumi.Input<string>;
  readonly keyName: pulumi.Input<string>;
  readonly objectLock: ObjectLockSettings;
  /** Zone- or geo-redundant replication for a silo; zone-redundant for a pool. */
  readonly sku: "Standard_GZRS" | "Standard_ZRS";
  readonly tags: Readonly<Record<string, string>>;
}

export interface TenantStorage {
  readonly account: storage.StorageAccount;
  readonly blobService: storage.BlobServiceProperties;
}

export function storageAccount(
  name: string,
  args: StorageAccountArgs,
  opts: pulumi.CustomResourceOptions & { parent: pulumi.Resource },
): TenantStorage {
  const { resourceGroupName } = args;
  const account = new storage.StorageAccount(
    name,
    {
      resourceGroupName,
      location: args.location,
      accountName: args.accountName,
      kind: "StorageV2",
      sku: { name: args.sku },
      accessTier: "Hot",
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      // Entra ID only: an account key is a password to every tenant's blobs.
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      allowCrossTenantReplication: false,
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
      identity: { type: "UserAssigned", userAssignedIdentities: [args.identityId] },
      encryption: {
        keySource: "Microsoft.Keyvault",
        keyVaultProperties: { keyVaultUri: args.keyVaultUri, keyName: args.keyName },
        encryptionIdentity: { encryptionUserAssignedIdentity: args.identityId },
        requireInfrastructureEncryption: true,
        services: {
          blob: { enabled: true, keyType: "Account" },
          file: { enabled: true, keyType: "Account" },
          queue: { enabled: true, keyType: "Account" },
          table: { enabled: true, keyType: "Account" },
        },
      },
      // Set at creation only: version-level immutability, so a container can hold WORM blobs.
      ...(args.objectLock.enabled
        ? {
            immutableStorageWithVersioning: {
              enabled: true,
              immutabilityPolicy: {
                immutabilityPeriodSinceCreationInDays: args.objectLock.retentionDays,
                // Unlocked is Azure's counterpart of GOVERNANCE: the period can still be shortened by
                // an administrator, so a tenant that is torn down does not strand its blobs.
                state: "Unlocked",
                allowProtectedAppendWrites: false,
              },
            },
          }
        : {}),
      tags: args.tags,
    },
    opts,
  );
  const blobService = new storage.BlobServiceProperties(
    `${name}-blob-service`,
    {
      resourceGroupName,
      accountName: account.name,
      blobServicesName: "default",
      isVersioningEnabled: true,
      changeFeed: { enabled: true, retentionInDays: SOFT_DELETE_DAYS },
      deleteRetentionPolicy: { enabled: true, days: SOFT_DELETE_DAYS, allowPermanentDelete: false },
      containerDeleteRetentionPolicy: { enabled: true, days: SOFT_DELETE_DAYS },
    },
    { parent: opts.parent },
  );
  new storage.ManagementPolicy(
    `${name}-lifecycle`,
    {
      resourceGroupName,
      accountName: account.name,
      managementPolicyName: "default",
      policy: {
        rules: [
          {
            name: "tiering",
            enabled: true,
            type: "Lifecycle",
            definition: {
              filters: { blobTypes: ["blockBlob"] },
              actions: {
                baseBlob: {
                  tierToCool: { daysAfterModificationGreaterThan: LIFECYCLE_DAYS.cool },
                  tierToArchive: { daysAfterModificationGreaterThan: LIFECYCLE_DAYS.archive },
                },
                version: {
                  tierToCool: { daysAfterCreationGreaterThan: LIFECYCLE_DAYS.cool },
                  tierToArchive: { daysAfterCreationGreaterThan: LIFECYCLE_DAYS.archive },
                },
              },
            },
          },
        ],
      },
    },
    { parent: opts.parent },
  );
  return { account, blobService };
}

export interface ContainerArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly accountName: pulumi.Input<string>;
  readonly containerName: string;
  readonly objectLock: ObjectLockSettings;
  /** A per-tenant encryption scope (its own key) that no upload may override. */
  readonly encryptionScope?: pulumi.Input<string>;
  readonly metadata: Readonly<Record<string, string>>;
}

export function blobContainer(
  name: string,
  args: ContainerArgs,
  opts: pulumi.CustomResourceOptions,
): storage.BlobContainer {
  return new storage.BlobContainer(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      accountName: args.accountName,
      containerName: args.containerName,
      publicAccess: "None",
      ...(args.objectLock.enabled ? { immutableStorageWithVersioning: { enabled: true } } : {}),
      ...(args.encryptionScope
        ? { defaultEncryptionScope: args.encryptionScope, denyEncryptionScopeOverride: true }
        : {}),
      metadata: args.metadata,
    },
    opts,
  );
}
