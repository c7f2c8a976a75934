// What an Azure silo and a pool platform both are: a resource group in one region holding a VNet,
// a Log Analytics workspace, a Key Vault key, AKS, PostgreSQL Flexible Server, a storage account
// and Azure Cache for Redis, all private, encrypted with the vault's key where Azure allows, and
// logging to the workspace. The silo and the platform add what differs (tenant database and
// container and runtime identity; the pool database and the ref tenants use).
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import * as resources from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { TlsVersion } from "../../crds/constants.ts";
import { type ObjectLockSettings, resourceName, type TierSizing } from "../shared/index.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import { aksCluster } from "./cluster.ts";
import { keyVault, rotatingKey } from "./key-vault.ts";
import { auditLogs, logWorkspace } from "./monitoring.ts";
import { azureNetwork, privateEndpoint, type SubnetPlan } from "./network.ts";
import { azurePassword, flexibleServer, serverParameters } from "./postgres.ts";
import { redisCache } from "./redis.ts";
import { grantsTo } from "./roles.ts";
import { storageAccount } from "./storage.ts";

/** Log Analytics workspace names: 4-63 letters, digits and hyphens. */
const WORKSPACE_NAME = { maxLength: 63, minLength: 4, charset: "lower-alnum-hyphen" } as const;
/** One DNS label in front of `.private.postgres.database.azure.com`. */
const DNS_LABEL = { maxLength: 63, charset: "lower-alnum-hyphen" } as const;

export interface AzureEstateArgs {
  /** The tenant or platform id every name derives from. */
  readonly id: string;
  readonly location: string;
  readonly plan: SubnetPlan;
  readonly sizing: TierSizing;
  readonly tags: Readonly<Record<string, string>>;
  readonly keyName: string;
  readonly backupRetentionDays: number;
  readonly tlsMinVersion: TlsVersion;
  readonly auditRetentionDays: number;
  /** PostgreSQL encrypted with the vault's key instead of Microsoft's. */
  readonly postgresCmk: boolean;
  readonly geoRedundantBackup: boolean;
  readonly highAvailability: boolean;
  readonly storageSku: "Standard_GZRS" | "Standard_ZRS";
  readonly objectLock: ObjectLockSettings;
  readonly privateApiServer: boolean;
  /** Pulumi `protect` on the server and the account, and a CanNotDelete lock on the group. */
  readonly deletionProtection: boolean;
}

export function azureEstate(name: string, args: AzureEstateArgs, component: pulumi.Resource) {
  const { id, location, tags, sizing } = args;
  const parent = { parent: component };
  const protect = { parent: component, protect: args.deletionProtection };
  const client = authorization.getClientConfigOutput(parent);
  const { subscriptionId } = client;

  const rg = new resources.ResourceGroup(
    `${name}-rg`,
    { resourceGroupName: resourceName(id, "rg", "azureResourceGroup"), location, tags },
    parent,
  );
  const resourceGroupName = rg.name;
  const net = azureNetwork(
    name,
    {
      resourceGroupName,
      location,
      vnetName: resourceName(id, "vnet", "azureVnet"),
      postgresZoneName: `${resourceName(id, "pg", DNS_LABEL)}.private.postgres.database.azure.com`,
      plan: args.plan,
      tags,
    },
    parent,
  );
  const workspace = logWorkspace(
    `${name}-logs`,
    {
      resourceGroupName,
      location,
      workspaceName: resourceName(id, "logs", WORKSPACE_NAME),
      retentionDays: args.auditRetentionDays,
      tags,
    },
    parent,
  );

  // Keys: the vault, its key, and the identity storage and PostgreSQL unwrap the key with.
  const vault = keyVault(
    `${name}-vault`,
    {
      resourceGroupName,
      location,
      vaultName: resourceName(id, "kv", "azureKeyVault"),
      azureTenantId: client.tenantId,
      tags,
    },
    parent,
  );
  const key = rotatingKey(
    `${name}-key`,
    { resourceGroupName, vaultName: vault.name, keyName: args.keyName, tags },
    parent,
  );
  const vaultUri = vault.properties.apply((p) => p.vaultUri ?? "");
  const cmkIdentity = new managedidentity.UserAssignedIdentity(
    `${name}-cmk-identity`,
    { resourceGroupName, location, resourceName: resourceName(id, "cmk", "azureManagedIdentity"), tags },
    parent,
  );
  const cmkAccess = grantsTo(subscriptionId, cmkIdentity.principalId, parent)(
    `${name}-cmk-key-access`,
    "keyVaultCryptoServiceEncryptionUser",
    key.id,
    `storage and PostgreSQL of ${id} unwrap their customer-managed key`,
  );

  const store = storageAccount(
    `${name}-storage`,
    {
      resourceGroupName,
      location,
      accountName: resourceName(id, "docs", "azureStorageAccount"),
      identityId: cmkIdentity.id,
      keyVaultUri: vaultUri,
      keyName: key.name,
      objectLock: args.objectLock,
      sku: args.storageSku,
      tags,
    },
    // The account checks key access when it is created: the role must exist first.
    { ...protect, dependsOn: [cmkAccess] },
  );

  const adminPassword = azurePassword(new RandomSecret(`${name}-postgres-admin`, {}, parent));
  const server = flexibleServer(
    `${name}-postgres`,
    {
      resourceGroupName,
      location,
      serverName: resourceName(id, "pg", "azurePostgresFlexibleServer"),
      adminPassword,
      sizing,
      backupRetentionDays: args.backupRetentionDays,
      geoRedundantBackup: args.geoRedundantBackup,
      highAvailability: args.highAvailability,
      delegatedSubnetId: net.postgresSubnetId,
      privateDnsZoneId: net.postgresZoneId,
      azureTenantId: client.tenantId,
      ...(args.postgresCmk ? { cmk: { identityId: cmkIdentity.id, keyUri: key.keyUri } } : {}),
      tags,
    },
    { ...protect, dependsOn: [cmkAccess] },
  );
  serverParameters(
    `${name}-postgres`,
    { resourceGroupName, serverName: server.name, tlsMinVersion: args.tlsMinVersion },
    parent,
  );

  const cache = redisCache(
    `${name}-redis`,
    { resourceGroupName, location, cacheName: resourceName(id, "redis", "azureRedisCache"), sizing, tags },
    parent,
  );

  // Private endpoints: blob, Redis and the vault resolve to addresses inside the VNet only.
  const endpoint = (which: "blob" | "redis" | "vault", targetId: pulumi.Input<string>, groupId: string) =>
    privateEndpoint(
      `${name}-pe-${which}`,
      {
        resourceGroupName,
        location,
        subnetId: net.endpointSubnetId,
        targetId,
        groupId,
        zoneId: net.zoneIds[which],
        tags,
      },
      parent,
    );
  endpoint("blob", store.account.id, "blob");
  endpoint("redis", cache.id, "redisCache");
  endpoint("vault", vault.id, "vault");

  // AKS encrypts its secrets with the key through its own identity.
  const aksIdentity = new managedidentity.UserAssignedIdentity(
    `${name}-aks-identity`,
    { resourceGroupName, location, resourceName: resourceName(id, "aks", "azureManagedIdentity"), tags },
    parent,
  );
  const aksGrant = grantsTo(subscriptionId, aksIdentity.principalId, parent);
  const aksKeyAccess = aksGrant(
    `${name}-aks-key-access`,
    "keyVaultCryptoUser",
    key.id,
    `AKS of ${id} encrypts Kubernetes secrets with the key`,
  );
  const aksVaultAccess = aksGrant(
    `${name}-aks-vault-link`,
    "keyVaultContributor",
    vault.id,
    `AKS of ${id} links the private vault for KMS`,
  );
  const cluster = aksCluster(
    `${name}-aks`,
    {
      resourceGroupName,
      location,
      clusterName: resourceName(id, "aks", "azureAksCluster"),
      nodeSubnetId: net.nodeSubnetId,
      sizing,
      zoneRedundant: true,
      privateApiServer: args.privateApiServer,
      kms: { identityId: aksIdentity.id, keyVersionUri: key.keyUriWithVersion, vaultId: vault.id },
      logWorkspaceId: workspace.id,
      tags,
    },
    { parent: component, dependsOn: [aksKeyAccess, aksVaultAccess] },
  );

  // Audit trails of everything that holds or guards data.
  const audit = (which: string, resourceUri: pulumi.Input<string>, categoryGroup: "audit" | "allLogs") =>
    auditLogs(`${name}-audit-${which}`, { resourceUri, workspaceId: workspace.id, categoryGroup }, parent);
  audit("aks", cluster.id, "audit");
  audit("postgres", server.id, "allLogs");
  audit("vault", vault.id, "audit");
  audit("blob", pulumi.interpolate`${store.account.id}/blobServices/default`, "audit");

  /** Locks the group once `dataStores` exist; `pulumi destroy` then removes the lock first. */
  const lock = (dataStores: pulumi.Resource[]) => {
    if (!args.deletionProtection) return undefined;
    return new authorization.ManagementLockByScope(
      `${name}-delete-lock`,
      {
        scope: rg.id,
        level: "CanNotDelete",
        lockName: "wspec-deletion-protection",
        notes: `${id}: deletion protection (ComplianceProfile or pool platform)`,
      },
      { parent: component, dependsOn: [server, store.account, vault, key, cache, ...dataStores] },
    );
  };

  return {
    client,
    rg,
    resourceGroupName,
    net,
    vault,
    vaultUri,
    key,
    cmkIdentity,
    store,
    server,
    adminPassword,
    cache,
    cluster,
    lock,
  };
}
