// The Azure enterprise silo's resource graph under Pulumi mocks: keys wired, nothing public, TLS
// minimums, the tenant's region, the profile's backup days, deletion protection, and roles scoped
// to one container or key; and the connection keys the runtime reads.
import { beforeAll, describe, expect, it } from "vitest";
import { parseComplianceProfileSpec } from "../../crds/parse.ts";
import type { ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import { evaluateResources } from "../../policies/evaluate.ts";
import { locationFromSecret } from "../../runtime/db/tenant-registry.ts";
import { type StackProfile, stackProfile, TAG_KEYS, tenantTags } from "../shared/index.ts";
import { capture, type Graph, ruleResources, value } from "../shared/testing/mock-graph.ts";
import { AZURE_TENANT_ID, installAzureMocks, KUBECONFIG, SUBSCRIPTION_ID } from "./mocks.ts";
import { BUILT_IN_ROLES } from "./roles.ts";
import { AzureTenantSilo, type AzureTenantSiloArgs } from "./silo.ts";

const LIMITS = { storageGiB: 1000, documents: 5_000_000, requestsPerHour: 100_000 };

const PROFILE_SPEC = {
  frameworks: ["GDPR", "SOX"],
  allowedRegions: { azure: ["westeurope", "northeurope"] },
  encryption: { customerManagedKeys: true, tlsMinVersion: "1.2" },
  backups: { retentionDays: 21, pointInTimeRecovery: true },
  retention: { documentDays: 2555 },
} satisfies ComplianceProfileSpecInput;

function profile(
  over: { frameworks?: ("SOX" | "GDPR" | "HIPAA")[]; retentionDays?: number } = {},
): StackProfile {
  return stackProfile(
    { tier: "enterprise", cloud: "azure", region: "westeurope" },
    {
      ...PROFILE_SPEC,
      frameworks: over.frameworks ?? PROFILE_SPEC.frameworks,
      backups: { ...PROFILE_SPEC.backups, retentionDays: over.retentionDays ?? 21 },
    },
  );
}

/** The profile as the policy pack reads it (defaults filled in). */
function parsedSpec() {
  const parsed = parseComplianceProfileSpec(PROFILE_SPEC);
  if (!parsed.ok) throw new Error("test profile is invalid");
  return parsed.value;
}

function args(over: Partial<AzureTenantSiloArgs> = {}): AzureTenantSiloArgs {
  return {
    tenantId: "acme-bank",
    profile: profile(),
    environment: "prod",
    costCenter: "cc-42",
    limits: LIMITS,
    ...over,
  };
}

async function build(a: AzureTenantSiloArgs) {
  const { result: silo, graph } = await capture((o) => new AzureTenantSilo(a.tenantId, a, o));
  const connection = await value(silo.connection);
  return { silo, graph, connection };
}

const T = {
  account: "azure-native:storage:StorageAccount",
  container: "azure-native:storage:BlobContainer",
  key: "azure-native:keyvault:Key",
  vault: "azure-native:keyvault:Vault",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  role: "azure-native:authorization:RoleAssignment",
  server: "azure-native:dbforpostgresql:Server",
  config: "azure-native:dbforpostgresql:Configuration",
  redis: "azure-native:redis:Redis",
  aks: "azure-native:containerservice:ManagedCluster",
  subnet: "azure-native:network:Subnet",
  lock: "azure-native:authorization:ManagementLockByScope",
  rg: "azure-native:resources:ResourceGroup",
  workspace: "azure-native:operationalinsights:Workspace",
} as const;

const roleId = (guid: string) =>
  `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

beforeAll(async () => {
  await installAzureMocks();
});

describe("AzureTenantSilo", { timeout: 30_000 }, () => {
  let graph: Graph;
  let connection: Record<string, string>;
  let silo: AzureTenantSilo;
  beforeAll(async () => {
    ({ graph, connection, silo } = await build(args()));
  }, 30_000);

  it("encrypts storage with the tenant's Key Vault key through a user-assigned identity that holds a role on that key", () => {
    const account = graph.one(T.account).inputs;
    const key = graph.one(T.key);
    const vault = graph.one(T.vault);
    const storageIdentity = graph.named(T.identity, "-cmk-identity");
    expect(account.encryption).toMatchObject({
      keySource: "Microsoft.Keyvault",
      keyVaultProperties: {
        keyName: key.inputs.keyName,
        keyVaultUri: `https://${vault.inputs.vaultName}.vault.azure.net/`,
      },
      encryptionIdentity: { encryptionUserAssignedIdentity: storageIdentity.id },
      requireInfrastructureEncryption: true,
    });
    expect(account.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [storageIdentity.id] });
    const access = graph.named(T.role, "-cmk-key-access").inputs;
    expect(access).toMatchObject({
      scope: key.id,
      principalId: `principal-${storageIdentity.name}`,
      roleDefinitionId: roleId(BUILT_IN_ROLES.keyVaultCryptoServiceEncryptionUser),
    });
  });

  it("keeps the vault recoverable: purge protection, soft delete, RBAC, no public network; the key rotates", () => {
    expect(graph.one(T.vault).inputs.properties).toMatchObject({
      tenantId: AZURE_TENANT_ID,
      enablePurgeProtection: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    });
    const rotation = (
      graph.one(T.key).inputs.properties as { rotationPolicy: { lifetimeActions: unknown[] } }
    ).rotationPolicy;
    expect(rotation.lifetimeActions).toContainEqual({
      action: { type: "rotate" },
      trigger: { timeAfterCreate: "P365D" },
    });
  });

  it("blocks public and key-based access to storage and requires TLS 1.2 over HTTPS", () => {
    expect(graph.one(T.account).inputs).toMatchObject({
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      publicNetworkAccess: "Disabled",
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      networkRuleSet: { defaultAction: "Deny" },
    });
    expect(graph.one(T.container).inputs.publicAccess).toBe("None");
  });

  it("versions blobs, keeps deletes recoverable, and tiers to cool at 90 and archive at 365 days", () => {
    expect(graph.one("azure-native:storage:BlobServiceProperties").inputs).toMatchObject({
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: 30 },
      containerDeleteRetentionPolicy: { enabled: true, days: 30 },
    });
    const rule = (
      graph.one("azure-native:storage:ManagementPolicy").inputs as {
        policy: { rules: { definition: { actions: { baseBlob: unknown } } }[] };
      }
    ).policy.rules[0];
    expect(rule?.definition.actions.baseBlob).toEqual({
      tierToCool: { daysAfterModificationGreaterThan: 90 },
      tierToArchive: { daysAfterModificationGreaterThan: 365 },
    });
  });

  it("makes documents immutable for the retention period when the profile has SOX, and not otherwise", async () => {
    expect(graph.one(T.account).inputs.immutableStorageWithVersioning).toEqual({
      enabled: true,
      immutabilityPolicy: {
        immutabilityPeriodSinceCreationInDays: 2555,
        state: "Unlocked",
        allowProtectedAppendWrites: false,
      },
    });
    expect(graph.one(T.container).inputs.immutableStorageWithVersioning).toEqual({ enabled: true });
    const { graph: plain } = await build(
      args({ tenantId: "gdpr-only", profile: profile({ frameworks: ["GDPR"] }) }),
    );
    expect(plain.one(T.account).inputs).not.toHaveProperty("immutableStorageWithVersioning");
    expect(plain.one(T.container).inputs).not.toHaveProperty("immutableStorageWithVersioning");
  });

  it("runs PostgreSQL 15 privately in its delegated subnet, backups for the profile's days, HA, TLS and connection logs", () => {
    const server = graph.one(T.server).inputs;
    const subnet = graph.named(T.subnet, "-postgres");
    expect(subnet.inputs.delegations).toEqual([
      { name: "postgres-flexible", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" },
    ]);
    expect(server).toMatchObject({
      version: "15",
      backup: { backupRetentionDays: 21 },
      highAvailability: { mode: "ZoneRedundant" },
      network: { publicNetworkAccess: "Disabled", delegatedSubnetResourceId: subnet.id },
    });
    const configs = Object.fromEntries(
      graph.byType(T.config).map((c) => [c.inputs.configurationName, c.inputs.value]),
    );
    expect(configs).toEqual({
      require_secure_transport: "on",
      ssl_min_protocol_version: "TLSv1.2",
      log_connections: "on",
      log_disconnections: "on",
      log_checkpoints: "on",
    });
  });

  it("with customer-managed keys, encrypts PostgreSQL with the tenant key (so backups stay in-region)", () => {
    const cmk = graph.named(T.identity, "-cmk-identity");
    expect(graph.one(T.server).inputs).toMatchObject({
      dataEncryption: {
        type: "AzureKeyVault",
        primaryKeyURI: "https://vault.example/keys/tenant-data",
        primaryUserAssignedIdentityId: cmk.id,
      },
      identity: { type: "UserAssigned", userAssignedIdentities: { [cmk.id]: {} } },
      backup: { geoRedundantBackup: "Disabled" },
    });
  });

  it("without them, keeps Microsoft's keys on PostgreSQL and geo-redundant backups", async () => {
    const plain = stackProfile(
      { tier: "enterprise", cloud: "azure", region: "westeurope" },
      { frameworks: ["SOC2"], allowedRegions: { azure: ["westeurope"] }, backups: { retentionDays: 21 } },
    );
    const { graph: g } = await build(args({ tenantId: "soc-only", profile: plain }));
    expect(g.one(T.server).inputs).toMatchObject({
      dataEncryption: { type: "SystemManaged" },
      backup: { backupRetentionDays: 21, geoRedundantBackup: "Enabled" },
    });
    expect(g.one(T.server).inputs).not.toHaveProperty("identity");
    // Storage is always under the silo's own key.
    expect(g.one(T.account).inputs.encryption).toMatchObject({ keySource: "Microsoft.Keyvault" });
  });

  it("takes backup retention from the profile when it exceeds the tier's floor, and the floor otherwise", async () => {
    const { graph: longer } = await build(
      args({ tenantId: "keep-35", profile: profile({ retentionDays: 35 }) }),
    );
    expect(longer.one(T.server).inputs.backup).toMatchObject({ backupRetentionDays: 35 });
    const { graph: floor } = await build(
      args({ tenantId: "keep-1", profile: profile({ retentionDays: 1 }) }),
    );
    expect(floor.one(T.server).inputs.backup).toMatchObject({ backupRetentionDays: 14 });
  });

  it("closes Redis to the public and to plaintext: TLS 1.2 only, no eviction", () => {
    expect(graph.one(T.redis).inputs).toMatchObject({
      enableNonSslPort: false,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      redisConfiguration: { maxmemoryPolicy: "noeviction" },
    });
    const endpoints = graph.byType("azure-native:network:PrivateEndpoint").map((p) => p.inputs);
    const targets = endpoints.map(
      (e) => (e.privateLinkServiceConnections as { privateLinkServiceId: string }[])[0],
    );
    expect(targets.map((t) => t?.privateLinkServiceId).sort()).toEqual(
      [graph.one(T.account).id, graph.one(T.redis).id, graph.one(T.vault).id].sort(),
    );
  });

  it("puts every resource in the tenant's region (private DNS zones are global by definition)", () => {
    const located = graph.all.filter((r) => "location" in r.inputs);
    expect(located.length).toBeGreaterThan(10);
    for (const r of located) {
      const expected = r.type.startsWith("azure-native:privatedns:") ? "global" : "westeurope";
      expect({ resource: `${r.type} ${r.name}`, location: r.inputs.location }).toEqual({
        resource: `${r.type} ${r.name}`,
        location: expected,
      });
    }
  });

  it("tags every taggable resource with tenant, tier, environment and cost center", () => {
    const tags = tenantTags({
      tenantId: "acme-bank",
      tier: "enterprise",
      environment: "prod",
      costCenter: "cc-42",
    });
    const taggable = graph.all.filter((r) => r.type.startsWith("azure-native:") && "location" in r.inputs);
    expect(taggable.map((r) => r.type)).toEqual(
      expect.arrayContaining([T.account, T.server, T.redis, T.aks, T.vault, T.rg]),
    );
    for (const r of taggable)
      expect({ r: `${r.type} ${r.name}`, tags: r.inputs.tags }).toEqual({ r: `${r.type} ${r.name}`, tags });
    expect(graph.one(T.key).inputs.tags).toEqual(tags);
    expect(tags[TAG_KEYS.costCenter]).toBe("cc-42");
  });

  it("protects the data stores: Pulumi protect on server, database and account, a CanNotDelete lock on the group", () => {
    for (const type of [T.server, T.account, "azure-native:dbforpostgresql:Database"]) {
      expect({ type, protect: graph.options.get(graph.one(type).id)?.protect }).toEqual({
        type,
        protect: true,
      });
    }
    expect(graph.one(T.lock).inputs).toMatchObject({ scope: graph.one(T.rg).id, level: "CanNotDelete" });
  });

  it("scopes every role assignment to one key, container or vault, never a group or subscription", () => {
    const roles = graph.byType(T.role).map((r) => r.inputs);
    expect(roles).toHaveLength(5);
    const key = graph.one(T.key).id;
    const vault = graph.one(T.vault).id;
    for (const r of roles) expect([key, graph.one(T.container).id, vault]).toContain(r.scope);
    // The vault-wide role is AKS's, to link the private vault for KMS; nothing else is vault-wide.
    expect(roles.filter((r) => r.scope === vault).map((r) => r.roleDefinitionId)).toEqual([
      roleId(BUILT_IN_ROLES.keyVaultContributor),
    ]);
    const runtime = graph.named(T.identity, "-runtime-identity");
    const runtimeRoles = roles.filter((r) => r.principalId === `principal-${runtime.name}`);
    expect(runtimeRoles.map((r) => [r.roleDefinitionId, r.scope]).sort()).toEqual(
      [
        [roleId(BUILT_IN_ROLES.storageBlobDataContributor), graph.one(T.container).id],
        [roleId(BUILT_IN_ROLES.keyVaultCryptoUser), key],
      ].sort(),
    );
  });

  it("encrypts AKS secrets with the tenant key through the cluster's own identity, and logs the cluster", () => {
    const aks = graph.one(T.aks).inputs;
    const aksIdentity = graph.named(T.identity, "-aks-identity");
    expect(aks).toMatchObject({
      identity: { type: "UserAssigned", userAssignedIdentities: [aksIdentity.id] },
      securityProfile: {
        azureKeyVaultKms: {
          enabled: true,
          keyId: "https://vault.example/keys/tenant-data/v1",
          keyVaultNetworkAccess: "Private",
          keyVaultResourceId: graph.one(T.vault).id,
        },
      },
      addonProfiles: {
        omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: graph.one(T.workspace).id } },
      },
    });
    const diagnostics = graph.byType("azure-native:monitor:DiagnosticSetting").map((d) => d.inputs);
    expect(diagnostics.map((d) => d.resourceUri).sort()).toEqual(
      [
        graph.one(T.aks).id,
        graph.one(T.server).id,
        graph.one(T.vault).id,
        `${graph.one(T.account).id}/blobServices/default`,
      ].sort(),
    );
    for (const d of diagnostics) expect(d.workspaceId).toBe(graph.one(T.workspace).id);
    expect(graph.one(T.workspace).inputs.retentionInDays).toBe(730);
  });

  it("declares every child under the component", () => {
    expect(graph.unparented()).toEqual([]);
  });

  it("passes the policy pack's rules for its profile", () => {
    const findings = evaluateResources(ruleResources(graph), {
      profileName: "gdpr-sox",
      profile: parsedSpec(),
      tenant: { tier: "enterprise", cloud: "azure", region: "westeurope", deletionPolicy: "Retain" },
    });
    expect(findings).toEqual([]);
  });

  it("fails the pack's data residency, naming resource and rule, when the same silo is built in eastus", async () => {
    const us = { ...profile(), region: "eastus" };
    const { graph: g } = await build(args({ tenantId: "us-silo", profile: us }));
    const findings = evaluateResources(ruleResources(g), {
      profileName: "gdpr-sox",
      profile: parsedSpec(),
      tenant: { tier: "enterprise", cloud: "azure", region: "eastus", deletionPolicy: "Retain" },
    }).filter((f) => f.rule === "data-residency");
    expect(findings.map((f) => f.type)).toEqual(
      expect.arrayContaining([T.server, T.account, T.redis, T.aks, T.vault]),
    );
    expect(findings.find((f) => f.type === T.server)).toMatchObject({
      level: "mandatory",
      resource: "us-silo-postgres",
      message: expect.stringContaining('"eastus" not in [westeurope, northeurope]'),
    });
  });

  it("runs AKS with workload identity, OIDC issuer, Entra-only access and a system pool in the node subnet", async () => {
    const aks = graph.one(T.aks).inputs;
    expect(aks).toMatchObject({
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true } },
      disableLocalAccounts: true,
      networkProfile: { networkPolicy: "cilium" },
    });
    const [pool] = aks.agentPoolProfiles as Record<string, unknown>[];
    expect(pool).toMatchObject({
      mode: "System",
      vnetSubnetID: graph.named(T.subnet, "-nodes").id,
      enableNodePublicIP: false,
    });
    expect(graph.one("azure-native:managedidentity:FederatedIdentityCredential").inputs).toMatchObject({
      issuer: "https://oidc.example/acme-bank-aks/",
      subject: "system:serviceaccount:tenant-acme-bank:wspec-runtime",
      audiences: ["api://AzureADTokenExchange"],
    });
    expect(await value(silo.kubeconfig)).toBe(KUBECONFIG);
    expect(await value(silo.workloadIdentity)).toEqual({
      namespace: "tenant-acme-bank",
      serviceAccount: "wspec-runtime",
      annotations: {
        "azure.workload.identity/client-id": `client-${graph.named(T.identity, "-runtime-identity").name}`,
      },
      podLabels: { "azure.workload.identity/use": "true" },
    });
  });

  it("hands the runtime the local stack's connection keys, which locationFromSecret accepts", () => {
    const { val, err } = locationFromSecret(connection);
    expect(err).toBeUndefined();
    expect(val).toMatchObject({
      slug: "acme-bank",
      tier: "enterprise",
      placement: "database",
      database: {
        host: "acme-bank-pg.postgres.database.azure.com",
        port: 5432,
        name: "tenant_acme_bank",
        schema: "tenant_acme_bank",
        user: "wspecadmin",
        password: "random-acme-bank-postgres-admin-Wx",
      },
      redis: { keyPrefix: "t:acme-bank:" },
    });
    expect(connection).toMatchObject({
      REDIS_URL: "rediss://:redis-key-acme-bank-redis@acme-bank-redis.redis.cache.windows.net:6380",
      STORAGE_KIND: "azure",
      STORAGE_CONTAINER: "documents",
      LIMIT_STORAGE_GIB: "1000",
    });
    expect(connection.DATABASE_URL).toMatch(/\?sslmode=require$/);
  });

  it("refuses a pooled tier or another cloud's profile before declaring anything", async () => {
    const pooled = stackProfile(
      { tier: "professional", cloud: "azure", region: "westeurope" },
      { frameworks: ["GDPR"], allowedRegions: { azure: ["westeurope"] } },
    );
    const { result, graph: g } = await capture(() => {
      try {
        return new AzureTenantSilo("bad", args({ tenantId: "Bad_Id", profile: pooled }));
      } catch (e) {
        return e as Error;
      }
    });
    expect((result as Error).message).toBe(
      'AzureTenantSilo: tenantId "Bad_Id" must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter; profile.tier "professional" not in [enterprise] for AzureTenantSilo',
    );
    expect(g.all.filter((r) => r.type !== "wspec:azure:TenantSilo")).toEqual([]);
  });
});
