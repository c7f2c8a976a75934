// An enterprise tenant's own Azure estate (./estate.ts) in the tenant's region, plus its
// database, its documents container, and a runtime identity whose roles reach only that container
// and the tenant's key.
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql/index.js";
import * as pulumi from "@pulumi/pulumi";
import { tenantNames } from "../local/naming.ts";
import { type CloudTenantArgs, checkTenantArgs, tenantTagInput } from "../shared/cloud-args.ts";
import { databaseOutput, POSTGRES_PORT, runtimeWorkloadIdentity } from "../shared/cloud-tenant.ts";
import { connectionData } from "../shared/connection.ts";
import { tenantTags, tierSizing } from "../shared/index.ts";
import type { DatabaseOutput, WorkloadIdentity } from "../shared/outputs.ts";
import { aksKubeconfig, oidcIssuer } from "./cluster.ts";
import { azureEstate } from "./estate.ts";
import { DEFAULT_ADDRESS_SPACE, subnetPlan } from "./network.ts";
import { ADMIN_LOGIN } from "./postgres.ts";
import { REDIS_TLS_PORT, redisPassword } from "./redis.ts";
import { azureWorkloadBinding, runtimeIdentity } from "./runtime-identity.ts";
import { blobContainer } from "./storage.ts";
import type { AzureTenantOutputs } from "./types.ts";

export const AZURE_SILO_TYPE = "wspec:azure:TenantSilo";
/** The container documents are written to (one per account in a silo). */
export const DOCUMENTS_CONTAINER = "documents";

export interface AzureTenantSiloArgs extends CloudTenantArgs {
  /** A /16 for the tenant's VNet. @default DEFAULT_ADDRESS_SPACE */
  readonly addressSpace?: string;
}

export class AzureTenantSilo extends pulumi.ComponentResource implements AzureTenantOutputs {
  public readonly tenantId: string;
  public readonly tier: "enterprise";
  public readonly region: string;
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly namespace: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly database: pulumi.Output<DatabaseOutput>;
  public readonly redis: pulumi.Output<{ host: string; port: number; keyPrefix: string }>;
  public readonly storage: pulumi.Output<{ accountName: string; container: string; blobEndpoint: string }>;
  public readonly encryptionKey: pulumi.Output<{ vaultUri: string; keyId: string; keyName: string }>;
  public readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  /** The runtime's connection Secret data (locationFromSecret keys): a secret output. */
  public readonly connection: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AzureTenantSiloArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AZURE_SILO_TYPE, name, {}, opts);
    checkTenantArgs(args, "azure", ["enterprise"], "AzureTenantSilo");
    const plan = subnetPlan(args.addressSpace ?? DEFAULT_ADDRESS_SPACE);
    const { tenantId, profile } = args;
    const location = profile.region;
    const names = tenantNames(tenantId, "enterprise");
    const tags = tenantTags(tenantTagInput(args, "enterprise"));
    this.tenantId = tenantId;
    this.tier = "enterprise";
    this.region = location;

    const estate = azureEstate(
      name,
      {
        id: tenantId,
        location,
        plan,
        sizing: tierSizing("enterprise"),
        tags,
        keyName: "tenant-data",
        backupRetentionDays: profile.backupRetentionDays,
        tlsMinVersion: profile.tlsMinVersion,
        auditRetentionDays: profile.auditRetentionDays,
        postgresCmk: profile.customerManagedKeys,
        // Azure keeps geo-redundant backups of a customer-key server only with a second key in a
        // vault in the paired region, which the profile's allowed regions may not include; such a
        // silo keeps its backups in-region, zone-redundant beside its zone-redundant standby.
        geoRedundantBackup: !profile.customerManagedKeys,
        highAvailability: true,
        storageSku: "Standard_GZRS",
        objectLock: profile.objectLock,
        privateApiServer: profile.privateOnly,
        deletionProtection: profile.deletionProtection,
      },
      this,
    );
    const { resourceGroupName, client, key, store, server, cache } = estate;

    const database = new dbforpostgresql.Database(
      `${name}-database`,
      {
        resourceGroupName,
        serverName: server.name,
        databaseName: names.database,
        charset: "UTF8",
        collation: "en_US.utf8",
      },
      { parent: this, protect: profile.deletionProtection },
    );
    const container = blobContainer(
      `${name}-documents`,
      {
        resourceGroupName,
        accountName: store.account.name,
        containerName: DOCUMENTS_CONTAINER,
        objectLock: profile.objectLock,
        metadata: { tenant: tenantId },
      },
      { parent: this, dependsOn: [store.blobService] },
    );
    estate.lock([database, container]);

    // The runtime's identity: a pod in the tenant namespace gets its tokens, and its roles reach
    // the tenant's container and key, nothing wider.
    const identity = runtimeIdentity(
      name,
      {
        tenantId,
        resourceGroupName,
        location,
        tags,
        subscriptionId: client.subscriptionId,
        issuer: oidcIssuer(estate.cluster),
        namespace: names.namespace,
        containerId: container.id,
        containerDescription: `runtime of tenant ${tenantId} reads and writes its documents container`,
        keyId: key.id,
      },
      this,
    );

    const blobEndpoint = pulumi.interpolate`https://${store.account.name}.blob.core.windows.net/`;
    this.resourceGroupName = resourceGroupName;
    this.namespace = pulumi.output(names.namespace);
    this.kubeconfig = aksKubeconfig(estate.cluster, resourceGroupName, this);
    this.database = databaseOutput(server.fullyQualifiedDomainName, database.name, names.schema, ADMIN_LOGIN);
    this.redis = cache.hostName.apply((host) => ({ host, port: REDIS_TLS_PORT, keyPrefix: names.keyPrefix }));
    this.storage = pulumi.all([store.account.name, container.name, blobEndpoint]).apply(([acct, c, ep]) => ({
      accountName: acct,
      container: c,
      blobEndpoint: ep,
    }));
    this.encryptionKey = pulumi.all([estate.vaultUri, key.id, key.name]).apply(([uri, id, keyName]) => ({
      vaultUri: uri,
      keyId: id,
      keyName,
    }));
    this.workloadIdentity = runtimeWorkloadIdentity(names.namespace, identity.clientId, azureWorkloadBinding);
    this.connection = connectionData({
      tenantId,
      tier: "enterprise",
      database: {
        host: server.fullyQualifiedDomainName,
        port: POSTGRES_PORT,
        name: names.database,
        schema: names.schema,
        user: ADMIN_LOGIN,
        password: estate.adminPassword,
      },
      redis: {
        host: cache.hostName,
        port: REDIS_TLS_PORT,
        user: "",
        password: redisPassword(cache),
        keyPrefix: names.keyPrefix,
      },
      storage: {
        STORAGE_KIND: "azure",
        STORAGE_ACCOUNT_NAME: store.account.name,
        STORAGE_ACCOUNT_URL: blobEndpoint,
        STORAGE_CONTAINER: container.name,
        AZURE_CLIENT_ID: identity.clientId,
      },
      limits: args.limits,
    });
    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      namespace: this.namespace,
      kubeconfig: this.kubeconfig,
      database: this.database,
      redis: this.redis,
      storage: this.storage,
      encryptionKey: this.encryptionKey,
      workloadIdentity: this.workloadIdentity,
      connection: this.connection,
    });
  }
}
