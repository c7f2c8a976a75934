// The shared Azure platform professional and starter tenants are pooled on: one VNet, AKS,
// PostgreSQL Flexible Server with the pool database, a customer-managed-key storage account (a
// container per tenant), Azure Cache for Redis and the Key Vault per-tenant keys go into. It is
// its own stack; tenant stacks receive its `ref` (directly, or through a StackReference).
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { Tier, TlsVersion } from "../../crds/constants.ts";
import { POOL_DATABASE } from "../local/naming.ts";
import { checkPoolPlatformArgs } from "../shared/cloud-args.ts";
import type { PoolPlatformBase } from "../shared/cloud-tenant.ts";
import { TAG_KEYS, tenantTags, tierSizing } from "../shared/index.ts";
import { aksKubeconfig, oidcIssuer } from "./cluster.ts";
import { azureEstate } from "./estate.ts";
import { DEFAULT_ADDRESS_SPACE, subnetPlan } from "./network.ts";
import { ADMIN_LOGIN } from "./postgres.ts";
import { REDIS_TLS_PORT, redisPassword } from "./redis.ts";

export const AZURE_POOL_PLATFORM_TYPE = "wspec:azure:PoolPlatform";

export interface AzurePoolPlatformArgs {
  /** Names the platform's resources like a tenant id does (1-40 of [a-z0-9-], e.g. "pool-weu"). */
  readonly platformId: string;
  /** Every pooled tenant on it lives in this region. */
  readonly region: string;
  readonly environment: string;
  readonly costCenter?: string;
  /** Sizes the platform (professional or starter rows of the sizing table). @default "professional" */
  readonly sizingTier?: Exclude<Tier, "enterprise">;
  /** At least the longest retention any pooled tenant's profile asks for (7-35). */
  readonly backupRetentionDays: number;
  readonly tlsMinVersion: TlsVersion;
  /** Days the workspace keeps audit logs (30-730). @default 365 */
  readonly auditRetentionDays?: number;
  /** A private AKS API server. @default true */
  readonly privateApiServer?: boolean;
  /** Lock the resource group against deletion. @default true (it holds every pooled tenant's data) */
  readonly deletionProtection?: boolean;
  /** A /16. @default DEFAULT_ADDRESS_SPACE */
  readonly addressSpace?: string;
}

/** What a pooled tenant's stack needs of the platform. Secrets stay secret through a StackReference. */
/** `addressSpace` is the VNet's range (database, Redis, endpoints). */
export interface AzurePoolPlatformRef extends PoolPlatformBase {
  readonly subscriptionId: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly storageAccountName: pulumi.Input<string>;
  readonly storageIdentityPrincipalId: pulumi.Input<string>;
  readonly keyVaultName: pulumi.Input<string>;
  readonly keyVaultUri: pulumi.Input<string>;
  readonly redisHost: pulumi.Input<string>;
  readonly redisPassword: pulumi.Input<string>;
  readonly oidcIssuerUrl: pulumi.Input<string>;
}

export class AzurePoolPlatform extends pulumi.ComponentResource {
  public readonly ref: AzurePoolPlatformRef;
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: AzurePoolPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AZURE_POOL_PLATFORM_TYPE, name, {}, opts);
    checkPlatformArgs(args);
    const { platformId, region: location } = args;
    const plan = subnetPlan(args.addressSpace ?? DEFAULT_ADDRESS_SPACE);
    const sizing = tierSizing(args.sizingTier ?? "professional");
    // Tagged as the platform, with tier "pool": cost reports split it from any one tenant.
    const tags = {
      ...tenantTags({
        tenantId: platformId,
        tier: args.sizingTier ?? "professional",
        environment: args.environment,
        ...(args.costCenter ? { costCenter: args.costCenter } : {}),
      }),
      [TAG_KEYS.tier]: "pool",
    };
    const deletionProtection = args.deletionProtection ?? true;
    const estate = azureEstate(
      name,
      {
        id: platformId,
        location,
        plan,
        sizing,
        tags,
        keyName: "pool-data",
        backupRetentionDays: args.backupRetentionDays,
        tlsMinVersion: args.tlsMinVersion,
        auditRetentionDays: args.auditRetentionDays ?? 365,
        postgresCmk: true,
        // With a customer key, geo-redundant backups need a second vault in the paired region.
        geoRedundantBackup: false,
        highAvailability: sizing.dbInstances > 1,
        storageSku: "Standard_ZRS",
        // Immutability is per tenant container in a pool (see AzurePoolTenant).
        objectLock: { enabled: false, mode: "GOVERNANCE", retentionDays: 0 },
        privateApiServer: args.privateApiServer ?? true,
        deletionProtection,
      },
      this,
    );
    const { resourceGroupName, client, store, server, cache, adminPassword, vault } = estate;
    const poolDatabase = new dbforpostgresql.Database(
      `${name}-pool-database`,
      {
        resourceGroupName,
        serverName: server.name,
        databaseName: POOL_DATABASE,
        charset: "UTF8",
        collation: "en_US.utf8",
      },
      { parent: this, protect: deletionProtection },
    );
    estate.lock([poolDatabase]);
    // The storage identity of the platform is the estate's key identity: pooled tenants' keys
    // grant it access to encrypt their containers.
    const cmkIdentityPrincipal = estate.cmkIdentity.principalId;

    this.resourceGroupName = resourceGroupName;
    this.kubeconfig = aksKubeconfig(estate.cluster, resourceGroupName, this);
    const postgresAdminUrl = pulumi.secret(
      pulumi
        .all([server.fullyQualifiedDomainName, adminPassword])
        .apply(
          ([host, pw]) =>
            `postgres://${ADMIN_LOGIN}:${encodeURIComponent(pw)}@${host}:5432/postgres?sslmode=require`,
        ),
    );
    this.ref = {
      platformId,
      region: location,
      addressSpace: plan.addressSpace,
      subscriptionId: client.subscriptionId,
      resourceGroupName,
      storageAccountName: store.account.name,
      storageIdentityPrincipalId: cmkIdentityPrincipal,
      keyVaultName: vault.name,
      keyVaultUri: estate.vaultUri,
      postgresHost: server.fullyQualifiedDomainName,
      postgresAdminUrl,
      redisHost: cache.hostName,
      redisPassword: redisPassword(cache),
      kubeconfig: this.kubeconfig,
      oidcIssuerUrl: oidcIssuer(estate.cluster),
    };
    this.registerOutputs({ ...this.ref, redisPort: REDIS_TLS_PORT });
  }
}

function checkPlatformArgs(args: AzurePoolPlatformArgs): void {
  checkPoolPlatformArgs("AzurePoolPlatform", args, { min: 7, max: 35, service: "Azure" });
}
