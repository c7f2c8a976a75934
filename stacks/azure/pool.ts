// A professional or starter tenant on the shared Azure platform: a namespace with quota, limit
// range and network policy in the pool's AKS; its role and schema (or shared-schema membership) in
// the pool database; its own blob container, reachable by its own runtime identity only; and, when
// its profile asks for customer-managed keys, its own key and an encryption scope no upload can
// override.

import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import * as storage from "@pulumi/azure-native/storage/index.js";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { POOL_DATABASE, tenantNames } from "../local/naming.ts";
import { PostgresTenant } from "../local/postgres-tenant.ts";
import { type CloudTenantArgs, checkTenantArgs } from "../shared/cloud-args.ts";
import { connectionData } from "../shared/connection.ts";
import { labelValue, resourceName, tenantTags } from "../shared/index.ts";
import type { DatabaseOutput, WorkloadIdentity } from "../shared/outputs.ts";
import { RUNTIME_SERVICE_ACCOUNT, tenantNamespaceObjects } from "../shared/tenant-namespace.ts";
import { rotatingKey } from "./key-vault.ts";
import type { AzurePoolPlatformRef } from "./platform.ts";
import { REDIS_TLS_PORT } from "./redis.ts";
import { scopedRole } from "./roles.ts";
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
    checkTenantArgs(args, "azure", ["professional", "starter"], "AzurePoolTenant");
    const { tenantId, profile, platform } = args;
    if (profile.region !== platform.region) {
      throw new Error(
        `AzurePoolTenant: profile.region "${profile.region}" is not the region of pool platform ${platform.platformId} ("${platform.region}")`,
      );
    }
    const tier = profile.tier as "professional" | "starter";
    const names = tenantNames(tenantId, tier);
    const tags = tenantTags({
      tenantId,
      tier,
      environment: args.environment,
      ...(args.costCenter ? { costCenter: args.costCenter } : {}),
    });
    const parent = { parent: this };
    // Protect the tenant's data from deletion through Pulumi when its profile asks.
    const dataOpts = { parent: this, protect: profile.deletionProtection };
    const { resourceGroupName, subscriptionId } = platform;
    this.tenantId = tenantId;
    this.tier = tier;
    this.region = platform.region;

    // Kubernetes: the tenant's namespace in the pool cluster.
    const cluster = new k8s.Provider(
      `${name}-cluster`,
      { kubeconfig: pulumi.secret(platform.kubeconfig), enableSecretMutable: true },
      parent,
    );
    const namespace = tenantNamespaceObjects(
      name,
      {
        namespace: names.namespace,
        tenantId,
        tier,
        limits: args.limits,
        labels: { "wspec.io/cost-center": labelValue(args.costCenter ?? tenantId) },
        egressCidrs: [platform.addressSpace],
      },
      { parent: this, provider: cluster },
    );

    // PostgreSQL: the tenant's login role and schema (or shared-schema membership) in the pool database.
    const pg = new PostgresTenant(
      `${name}-postgres`,
      {
        adminUrl: platform.postgresAdminUrl,
        tier,
        database: names.database,
        schema: names.schema,
        role: names.role,
        dedicatedDatabase: names.dedicatedDatabase,
        dedicatedSchema: names.dedicatedSchema,
        ...(names.sharedGroup ? { sharedGroup: names.sharedGroup } : {}),
      },
      dataOpts,
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
      const storageKeyAccess = scopedRole(
        `${name}-storage-key-access`,
        {
          subscriptionId,
          principalId: platform.storageIdentityPrincipalId,
          role: "keyVaultCryptoServiceEncryptionUser",
          scope: tenantKey.id,
          description: `pool storage encrypts tenant ${tenantId}'s container with its key`,
        },
        parent,
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
    const runtimeIdentity = new managedidentity.UserAssignedIdentity(
      `${name}-runtime-identity`,
      {
        resourceGroupName,
        location: platform.region,
        resourceName: resourceName(tenantId, "runtime", "azureManagedIdentity"),
        tags,
      },
      parent,
    );
    new managedidentity.FederatedIdentityCredential(
      `${name}-runtime-federation`,
      {
        resourceGroupName,
        resourceName: runtimeIdentity.name,
        federatedIdentityCredentialResourceName: "aks-runtime",
        issuer: platform.oidcIssuerUrl,
        subject: `system:serviceaccount:${names.namespace}:${RUNTIME_SERVICE_ACCOUNT}`,
        audiences: ["api://AzureADTokenExchange"],
      },
      parent,
    );
    scopedRole(
      `${name}-runtime-blob-access`,
      {
        subscriptionId,
        principalId: runtimeIdentity.principalId,
        role: "storageBlobDataContributor",
        scope: container.id,
        description: `runtime of tenant ${tenantId} reads and writes its container`,
      },
      parent,
    );
    if (key) {
      scopedRole(
        `${name}-runtime-key-access`,
        {
          subscriptionId,
          principalId: runtimeIdentity.principalId,
          role: "keyVaultCryptoUser",
          scope: key.id,
          description: `runtime of tenant ${tenantId} encrypts with its key`,
        },
        parent,
      );
    }

    const accountUrl = pulumi.interpolate`https://${platform.storageAccountName}.blob.core.windows.net/`;
    this.namespace = namespace;
    this.kubeconfig = pulumi.secret(pulumi.output(platform.kubeconfig));
    this.database = pulumi.all([platform.postgresHost, pg.role]).apply(([host, user]) => ({
      host,
      port: 5432,
      name: POOL_DATABASE,
      schema: names.schema,
      user,
    }));
    this.storage = pulumi
      .all([platform.storageAccountName, container.name, scope?.name])
      .apply(([accountName, c, s]) => ({ accountName, container: c, ...(s ? { encryptionScope: s } : {}) }));
    this.encryptionKey = key
      ? pulumi.all([key.id, key.keyUri]).apply(([keyId, keyUri]) => ({ keyId, keyUri }))
      : pulumi.output(undefined);
    this.workloadIdentity = runtimeIdentity.clientId.apply(
      (clientId): WorkloadIdentity => ({
        namespace: names.namespace,
        serviceAccount: RUNTIME_SERVICE_ACCOUNT,
        annotations: { "azure.workload.identity/client-id": clientId },
        podLabels: { "azure.workload.identity/use": "true" },
      }),
    );
    this.connection = connectionData({
      tenantId,
      tier,
      database: {
        host: platform.postgresHost,
        port: 5432,
        name: POOL_DATABASE,
        schema: names.schema,
        user: pg.role,
        password: pg.password,
      },
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
        AZURE_CLIENT_ID: runtimeIdentity.clientId,
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
