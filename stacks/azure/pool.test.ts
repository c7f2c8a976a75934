// The Azure pool under Pulumi mocks: the shared platform's security properties, and a pooled
// tenant's namespace isolation, PostgreSQL role, container, per-tenant key and scoped roles.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { locationFromSecret } from "../../runtime/db/tenant-registry.ts";
import { type StackProfile, tenantTags } from "../shared/index.ts";
import {
  captureTenant,
  gdprSoxFindings,
  onlyIn,
  type ProfileOptions,
  regionProfile,
  tenantArgs,
} from "../shared/testing/cloud-tenants.ts";
import { capture, type Graph, secretPaths, value } from "../shared/testing/mock-graph.ts";
import { installAzureMocks, SUBSCRIPTION_ID } from "./mocks.ts";
import { AzurePoolPlatform, type AzurePoolPlatformArgs } from "./platform.ts";
import { AzurePoolTenant } from "./pool.ts";
import { BUILT_IN_ROLES } from "./roles.ts";

const roleId = (guid: string) =>
  `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

function profile(
  tier: "professional" | "starter",
  over: ProfileOptions & { deletionProtection?: boolean } = {},
): StackProfile {
  return regionProfile("azure", "westeurope", tier, over, {
    backups: { retentionDays: 10 },
    deletionProtection: over.deletionProtection ?? false,
  });
}

const PLATFORM: AzurePoolPlatformArgs = {
  platformId: "pool-weu",
  region: "westeurope",
  environment: "prod",
  backupRetentionDays: 14,
  tlsMinVersion: "1.2",
};

beforeAll(async () => {
  await installAzureMocks();
});

describe("AzurePoolPlatform", { timeout: 30_000 }, () => {
  let graph: Graph;
  let platform: AzurePoolPlatform;
  beforeAll(async () => {
    ({ result: platform, graph } = await capture((o) => new AzurePoolPlatform("pool-weu", PLATFORM, o)));
  }, 30_000);

  it("encrypts the shared account with the platform key and blocks public and shared-key access", () => {
    const account = graph.one("azure-native:storage:StorageAccount").inputs;
    const key = graph.one("azure-native:keyvault:Key");
    expect(account).toMatchObject({
      encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: key.inputs.keyName } },
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      publicNetworkAccess: "Disabled",
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
    });
    expect(graph.one("azure-native:keyvault:Vault").inputs.properties).toMatchObject({
      enablePurgeProtection: true,
      enableSoftDelete: true,
    });
  });

  it("runs the pool database privately with the requested backup days, and locks the group", () => {
    expect(graph.one("azure-native:dbforpostgresql:Server").inputs).toMatchObject({
      version: "15",
      backup: { backupRetentionDays: 14 },
      network: { publicNetworkAccess: "Disabled" },
      location: "westeurope",
    });
    expect(graph.one("azure-native:dbforpostgresql:Database").inputs.databaseName).toBe("wspec_pool");
    expect(graph.one("azure-native:authorization:ManagementLockByScope").inputs).toMatchObject({
      level: "CanNotDelete",
      scope: graph.one("azure-native:resources:ResourceGroup").id,
    });
    expect(graph.one("azure-native:redis:Redis").inputs).toMatchObject({
      enableNonSslPort: false,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
    });
  });

  it("declares every child under the component", () => {
    expect(graph.unparented()).toEqual([]);
  });

  it("keeps the admin URL, Redis key and kubeconfig secret in its ref", async () => {
    expect(await value(pulumiOutput(platform.ref.postgresAdminUrl))).toBe(
      "postgres://wspecadmin:random-pool-weu-postgres-admin-Wx@pool-weu-pg.postgres.database.azure.com:5432/postgres?sslmode=require",
    );
    for (const k of ["postgresAdminUrl", "redisPassword", "kubeconfig"] as const) {
      expect(await pulumi.isSecret(pulumiOutput(platform.ref[k]))).toBe(true);
    }
  });

  it("refuses a backup retention outside Azure's 7-35 days, naming the field", () => {
    expect(
      () => new AzurePoolPlatform("bad", { ...PLATFORM, platformId: "bad", backupRetentionDays: 40 }),
    ).toThrow("AzurePoolPlatform: backupRetentionDays 40 must be an integer from 7 to 35 (Azure's range)");
  });
});

describe("AzurePoolTenant", { timeout: 30_000 }, () => {
  let platform: AzurePoolPlatform;
  beforeAll(async () => {
    ({ result: platform } = await capture(
      () => new AzurePoolPlatform("pool-weu-2", { ...PLATFORM, platformId: "pool-weu-2" }),
    ));
  }, 30_000);

  const tenant = (tenantId: string, p: StackProfile) =>
    captureTenant(
      (o) => new AzurePoolTenant(tenantId, { ...tenantArgs(tenantId, p), platform: platform.ref }, o),
    );

  it("professional with customer-managed keys: its own key, an encryption scope uploads cannot override, scoped roles", async () => {
    const { graph } = await tenant("globex", profile("professional", { cmk: true }));
    const key = graph.one("azure-native:keyvault:Key");
    const scope = graph.one("azure-native:storage:EncryptionScope");
    expect(key.inputs).toMatchObject({ vaultName: "pool-weu-2-kv", keyName: "globex-data" });
    expect(scope.inputs).toMatchObject({
      source: "Microsoft.KeyVault",
      keyVaultProperties: { keyUri: "https://vault.example/keys/globex-data" },
      accountName: await value(pulumiOutput(platform.ref.storageAccountName)),
    });
    const container = graph.one("azure-native:storage:BlobContainer");
    expect(container.inputs).toMatchObject({
      containerName: "tenant-globex",
      publicAccess: "None",
      defaultEncryptionScope: scope.inputs.encryptionScopeName,
      denyEncryptionScopeOverride: true,
    });
    const roles = graph
      .byType("azure-native:authorization:RoleAssignment")
      .map((r) => [r.inputs.roleDefinitionId, r.inputs.scope]);
    expect(roles.sort()).toEqual(
      [
        [roleId(BUILT_IN_ROLES.keyVaultCryptoServiceEncryptionUser), key.id],
        [roleId(BUILT_IN_ROLES.storageBlobDataContributor), container.id],
        [roleId(BUILT_IN_ROLES.keyVaultCryptoUser), key.id],
      ].sort(),
    );
    const tags = tenantTags({ tenantId: "globex", tier: "professional", environment: "prod" });
    expect(key.inputs.tags).toEqual(tags);
    expect(graph.one("azure-native:managedidentity:UserAssignedIdentity").inputs).toMatchObject({
      tags,
      location: "westeurope",
    });
  });

  it("professional without customer-managed keys: no key, no scope, one role on its container only", async () => {
    const { graph } = await tenant("initech", profile("professional"));
    expect(graph.byType("azure-native:keyvault:Key")).toEqual([]);
    expect(graph.byType("azure-native:storage:EncryptionScope")).toEqual([]);
    const roles = graph.byType("azure-native:authorization:RoleAssignment");
    expect(roles.map((r) => r.inputs.scope)).toEqual([graph.one("azure-native:storage:BlobContainer").id]);
    expect(graph.one("azure-native:storage:BlobContainer").inputs).not.toHaveProperty(
      "defaultEncryptionScope",
    );
  });

  it("isolates the namespace: restricted pods, tier quota, default deny with egress to DNS and the VNet only", async () => {
    const { graph } = await tenant("hooli", profile("professional"));
    const ns = graph.one("kubernetes:core/v1:Namespace").inputs as {
      metadata: { name: string; labels: Record<string, string> };
    };
    expect(ns.metadata.name).toBe("tenant-hooli");
    expect(ns.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "wspec.io/tenant": "hooli",
      "wspec.io/tier": "professional",
    });
    expect(graph.one("kubernetes:core/v1:ResourceQuota").inputs).toMatchObject({
      spec: { hard: { pods: "20", "requests.storage": "100Gi" } },
    });
    const policies = graph.byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => p.inputs.spec);
    expect(policies).toContainEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(JSON.stringify(policies)).toContain('"ipBlock":{"cidr":"10.40.0.0/16"}');
    expect(secretPaths(graph.one("pulumi:providers:kubernetes").raw)).toContain("kubeconfig");
  });

  it("professional: its own schema and role in the pool database; the connection passes locationFromSecret", async () => {
    const { graph, connection } = await tenant("umbrella", profile("professional"));
    expect(graph.one("pulumi-nodejs:dynamic/local:PostgresTenant").inputs).toMatchObject({
      adminUrl: expect.stringMatching(
        /^postgres:\/\/wspecadmin:.*@pool-weu-2-pg\.postgres\.database\.azure\.com:5432\/postgres\?sslmode=require$/,
      ),
      tier: "professional",
      database: "wspec_pool",
      schema: "tenant_umbrella",
      role: "tenant_umbrella",
      dedicatedDatabase: false,
      dedicatedSchema: true,
    });
    const { val, err } = locationFromSecret(connection);
    expect(err).toBeUndefined();
    expect(val).toMatchObject({
      slug: "umbrella",
      placement: "schema",
      database: {
        host: "pool-weu-2-pg.postgres.database.azure.com",
        name: "wspec_pool",
        schema: "tenant_umbrella",
        user: "tenant_umbrella",
        password: "pw-umbrella-postgres",
      },
      redis: {
        keyPrefix: "t:umbrella:",
        url: "rediss://:redis-key-pool-weu-2-redis@pool-weu-2-redis.redis.cache.windows.net:6380",
      },
    });
    expect(connection.STORAGE_CONTAINER).toBe("tenant-umbrella");
  });

  it("starter: the shared schema through the shared group; a SOX profile makes its container immutable for the retention", async () => {
    const { graph, connection } = await tenant("tiny", profile("starter", { frameworks: ["SOX"] }));
    expect(graph.one("pulumi-nodejs:dynamic/local:PostgresTenant").inputs).toMatchObject({
      schema: "pool_shared",
      sharedGroup: "pool_shared_member",
      dedicatedSchema: false,
    });
    expect(locationFromSecret(connection).val?.placement).toBe("shared");
    expect(graph.one("azure-native:storage:BlobContainer").inputs.immutableStorageWithVersioning).toEqual({
      enabled: true,
    });
    expect(graph.one("azure-native:storage:BlobContainerImmutabilityPolicy").inputs).toMatchObject({
      immutabilityPeriodSinceCreationInDays: 365,
    });
  });

  it("passes the policy pack's rules for a GDPR + SOX professional tenant", async () => {
    const { graph, findings } = await gdprSoxFindings("azure", "westeurope", tenant);
    expect(findings).toEqual([]);
    expect(graph.unparented()).toEqual([]);
  });

  it("refuses a tenant whose region is not the platform's, and an enterprise profile", async () => {
    const elsewhere = onlyIn("azure", "northeurope", "professional");
    expect(() => new AzurePoolTenant("x", { ...tenantArgs("x", elsewhere), platform: platform.ref })).toThrow(
      'AzurePoolTenant: profile.region "northeurope" is not the region of pool platform pool-weu-2 ("westeurope")',
    );
    const enterprise = onlyIn("azure", "westeurope", "enterprise");
    expect(
      () => new AzurePoolTenant("y", { ...tenantArgs("y", enterprise), platform: platform.ref }),
    ).toThrow(
      'AzurePoolTenant: profile.tier "enterprise" not in [professional, starter] for AzurePoolTenant',
    );
  });
});

function pulumiOutput<T>(i: pulumi.Input<T>): pulumi.Output<T> {
  return pulumi.output(i) as pulumi.Output<T>;
}
