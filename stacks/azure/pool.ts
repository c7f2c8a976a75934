// A professional or starter tenant on the shared Azure platform: a namespace with quota, limit
// range and network policy in the pool's AKS; its role and schema (or shared-schema membership) in
// the pool database; its own blob container, reachable by its own runtime identity only; and, when
// its profile asks for customer-managed keys, its own key and an encryption scope no upload can
// override.

import * as storage from "@pulumi/azure-native/storage/index.js";
import * as pulumi from "@pulumi/pulumi";
import { type CloudTenantArgs, tenantTagInput } from "../shared/cloud-args.ts";
import { checkPoolTenant, poolTenantBase, runtimeWorkloadIdentity } from "../shared/cloud-tenant.ts";
import { connectionData } from "../shared/connection.ts";
import { labelValue, resourceName, tenantTags } from "../shared/index.ts";
import type { DatabaseOutput, WorkloadIdentity } from "../shared/outputs.ts";
import { rotatingKey } from "./key-vault.ts";
import type { AzurePoolPlatformRef } from "./platform.ts";
import { REDIS_TLS_PORT } from "./redis.ts";
import { grantsTo } from "./roles.ts";
import { azureWorkloadBinding, runtimeIdentity } from "./runtime-identity.ts";
import { blobContainer } from "./storage.ts";
import type { AzureTenantOutputs } from "./types.ts";

export const AZURE_POOL_TENANT_TYPE = "wspec:azure:PoolTenant";

export interface AzurePoolTenantArgs extends CloudTenantArgs {
  readonly platform: AzurePoolPlatformRef;
}

export class AzurePoolTenant extends pulumi.ComponentResource implements AzureTenantOutputs {
  public readonly tenantId: string;
  public readonly tier: "professional" | "starter";
  public readonly region: string;
  public readonly namespace: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly database: pulumi.Output<DatabaseOutput>;
  public readonly storage: pulumi.Output<{
    accountName: string;
    container: string;
    encryptionScope?: string;
  }>;
  /** The tenant's own key, when its profile asks for customer-managed keys. */
  public readonly encryptionKey: pulumi.Output<{ keyId: string; keyUri: string } | undefined>;
  public readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  public readonly connection: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AzurePoolTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AZURE_POOL_TENANT_TYPE, name, {}, opts);
    const { tier, names } = checkPoolTenant(args, "azure", "AzurePoolTenant");
    const { tenantId, profile, platform } = args;
    const tags = tenantTags(tenantTagInput(args, tier));
    const parent = { parent: this };
    // Protect the tenant's data from deletion through Pulumi when its profile asks.
    const dataOpts = { parent: this, protect: profile.deletionProtection };
    const { resourceGroupName, subscriptionId } = platform;
    this.tenantId = tenantId;
    this.tier = tier;
    this.region = platform.region;

    // Kubernetes: the tenant's namespace in the pool cluster; PostgreSQL: its login role and schema
    // (or shared-schema membership) in the pool database.
    const base = poolTenantBase(
      name,
      args,
      { tier, names, costCenterLabel: labelValue(args.costCenter ?? tenantId) },
      this,
    );

    // Storage: the tenant's container, under its own key when the profile asks.
    let key: { id: pulumi.Output<string>; keyUri: pulumi.Output<string> } | undefined;
    let scope: storage.EncryptionScope | undefined;
    if (profile.customerManagedKeys) {
      const tenantKey = rotatingKey(
        `${name}-key`,
        {
          resourceGroupName,
          vaultName: platform.keyVaultName,
          keyName: resourceName(tenantId, "data", { maxLength: 127, charset: "lower-alnum-hyphen" }),
          tags,
        },
        dataOpts,
      );
      key = { id: tenantKey.id, keyUri: tenantKey.keyUri };
      const storageKeyAccess = grantsTo(subscriptionId, platform.storageIdentityPrincipalId, parent)(
        `${name}-storage-key-access`,
        "keyVaultCryptoServiceEncryptionUser",
        tenantKey.id,
        `pool storage encrypts tenant ${tenantId}'s container with its key`,
      );
      scope = new storage.EncryptionScope(
        `${name}-encryption-scope`,
        {
          resourceGroupName,
          accountName: platform.storageAccountName,
          encryptionScopeName: resourceName(tenantId, "", {
            maxLength: 63,
            minLength: 3,
            charset: "lower-alnum",
          }),
          source: "Microsoft.KeyVault",
          keyVaultProperties: { keyUri: tenantKey.keyUri },
          requireInfrastructureEncryption: true,
          state: "Enabled",
        },
        { parent: this, dependsOn: [storageKeyAccess] },
      );
    }
    const container = blobContainer(
      `${name}-documents`,
      {
        resourceGroupName,
        accountName: platform.storageAccountName,
        containerName: names.namespace,
        objectLock: profile.objectLock,
        ...(scope ? { encryptionScope: scope.name } : {}),
        metadata: { tenant: tenantId },
      },
      dataOpts,
    );
    if (profile.objectLock.enabled) {
      new storage.BlobContainerImmutabilityPolicy(
        `${name}-immutability`,
        {
          resourceGroupName,
          accountName: platform.storageAccountName,
          containerName: container.name,
          immutabilityPolicyName: "default",
          immutabilityPeriodSinceCreationInDays: profile.objectLock.retentionDays,
          allowProtectedAppendWrites: false,
        },
        parent,
      );
    }

    // The runtime's identity: its roles reach this container (and key), nothing wider.
    const identity = runtimeIdentity(
      name,
      {
        tenantId,
        resourceGroupName,
        location: platform.region,
        tags,
        subscriptionId,
        issuer: platform.oidcIssuerUrl,
        namespace: names.namespace,
        containerId: container.id,
        containerDescription: `runtime of tenant ${tenantId} reads and writes its container`,
        ...(key ? { keyId: key.id } : {}),
      },
      this,
    );

    const accountUrl = pulumi.interpolate`https://${platform.storageAccountName}.blob.core.windows.net/`;
    this.namespace = base.namespace;
    this.kubeconfig = base.kubeconfig;
    this.database = base.database;
    this.storage = pulumi
      .all([platform.storageAccountName, container.name, scope?.name])
      .apply(([accountName, c, s]) => ({ accountName, container: c, ...(s ? { encryptionScope: s } : {}) }));
    this.encryptionKey = key
      ? pulumi.all([key.id, key.keyUri]).apply(([keyId, keyUri]) => ({ keyId, keyUri }))
      : pulumi.output(undefined);
    this.workloadIdentity = runtimeWorkloadIdentity(names.namespace, identity.clientId, azureWorkloadBinding);
    this.connection = connectionData({
      tenantId,
      tier,
      database: base.databaseEndpoint,
      redis: {
        host: platform.redisHost,
        port: REDIS_TLS_PORT,
        user: "",
        password: platform.redisPassword,
        keyPrefix: names.keyPrefix,
      },
      storage: {
        STORAGE_KIND: "azure",
        STORAGE_ACCOUNT_NAME: platform.storageAccountName,
        STORAGE_ACCOUNT_URL: accountUrl,
        STORAGE_CONTAINER: container.name,
        AZURE_CLIENT_ID: identity.clientId,
      },
      limits: args.limits,
    });
    this.registerOutputs({
      namespace: this.namespace,
      database: this.database,
      storage: this.storage,
      encryptionKey: this.encryptionKey,
      workloadIdentity: this.workloadIdentity,
      connection: this.connection,
    });
  }
}
