// The component's resource graph per tier under Pulumi mocks: which children exist, with which
// inputs, what is secret; and invalid args rejected with exact messages before anything is made.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { LocalTenantArgs } from "./args.ts";
import { LocalTenant, localTenantProgram, serverAddress, withCredentials } from "./local.ts";
import type { Tier } from "./naming.ts";

interface Registered {
  type: string;
  name: string;
  /** As the engine would receive them: secrets still wrapped (see `revealed`). */
  inputs: Record<string, unknown>;
}

let registered: Registered[] = [];

// How a secret travels to the engine: an object tagged with Pulumi's secret signature.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const isSecretValue = (v: unknown) =>
  typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
/** The value with every secret wrapper removed. */
function revealed(v: unknown): unknown {
  if (isSecretValue(v)) return revealed((v as { value: unknown }).value);
  if (Array.isArray(v)) return v.map(revealed);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealed(x)]));
  }
  return v;
}

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state: Record<string, unknown> = { ...args.inputs };
        // What the dynamic providers would compute.
        if (args.type.startsWith("pulumi-nodejs:dynamic/local:")) state.password = `pw-${args.name}`;
        if (args.type === "pulumi-nodejs:dynamic/local:AuditKey") state.key = `key-${args.name}`;
        if (args.type === "pulumi-nodejs:dynamic/local:StorageDir") {
          state.path = `${args.inputs.storageRoot}/${args.inputs.name}`;
        }
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: revealed(state) as Record<string, unknown> };
      },
      call: (args) => args.inputs,
    },
    "wspec-unit",
    "unit",
  );
});

function args(tenantId: string, tier: Tier, overrides: Partial<LocalTenantArgs> = {}): LocalTenantArgs {
  return {
    tenantId,
    tier,
    limits: { storageGiB: 20, documents: 5000, requestsPerHour: 800 },
    admins: ["ops@bank.example", "cto@bank.example"],
    labels: { "example.com/cost-center": "c42" },
    connections: {
      postgresAdminUrl: "postgres://postgres:pg-admin-pw@127.0.0.1:5433/postgres",
      redisAdminUrl: "redis://default:redis-admin-pw@127.0.0.1:6380",
      kubeconfig: "apiVersion: v1\nkind: Config\n",
      storageRoot: "/srv/wspec/storage",
    },
    ...overrides,
  };
}

const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

/** Builds a tenant and waits until every child is registered. */
async function build(tenantArgs: LocalTenantArgs) {
  registered = [];
  const tenant = new LocalTenant(tenantArgs.tenantId, tenantArgs);
  const outputs = {
    database: await value(tenant.database),
    storage: await value(tenant.storage),
    redis: await value(tenant.redis),
    namespace: await value(tenant.namespace),
    connectionSecret: await value(tenant.connectionSecret),
    credentials: await value(tenant.credentials),
  };
  const byType = (type: string) => registered.filter((r) => r.type === type);
  /** The inputs of the only child of a type, secrets revealed. */
  const one = (type: string) => {
    const [r, ...rest] = byType(type);
    if (!r || rest.length > 0) throw new Error(`expected one ${type}, got ${byType(type).length}`);
    return { ...r, inputs: revealed(r.inputs) as Record<string, unknown>, raw: r.inputs };
  };
  return { tenant, outputs, registered: [...registered], one, byType };
}

const PG = "pulumi-nodejs:dynamic/local:PostgresTenant";

describe("LocalTenant resource graph", () => {
  it("enterprise: its own database and schema, and every child under the component", async () => {
    const { one, registered: all, outputs } = await build(args("acme-bank", "enterprise"));
    expect(all.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        "wspec:local:Tenant acme-bank",
        `${PG} acme-bank-postgres`,
        "pulumi-nodejs:dynamic/local:StorageDir acme-bank-storage",
        "pulumi-nodejs:dynamic/local:RedisAclUser acme-bank-redis",
        "pulumi-nodejs:dynamic/local:AuditKey acme-bank-audit-key",
        "pulumi:providers:kubernetes acme-bank-cluster",
        "kubernetes:core/v1:Namespace acme-bank-namespace",
        "kubernetes:core/v1:ResourceQuota acme-bank-quota",
        "kubernetes:core/v1:LimitRange acme-bank-limits",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy acme-bank-default-deny",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy acme-bank-allow-dns",
        "kubernetes:core/v1:Secret acme-bank-connection",
      ].sort(),
    );
    expect(one(PG).inputs).toMatchObject({
      tier: "enterprise",
      database: "tenant_acme_bank",
      schema: "tenant_acme_bank",
      role: "tenant_acme_bank",
      dedicatedDatabase: true,
      dedicatedSchema: true,
    });
    expect(one(PG).inputs).not.toHaveProperty("sharedGroup");
    expect(outputs.database).toEqual({
      host: "127.0.0.1",
      port: 5433,
      name: "tenant_acme_bank",
      schema: "tenant_acme_bank",
      user: "tenant_acme_bank",
    });
    expect(outputs.storage).toEqual({ path: "/srv/wspec/storage/acme-bank" });
    expect(outputs.redis).toEqual({
      host: "127.0.0.1",
      port: 6380,
      user: "tenant-acme-bank",
      keyPrefix: "t:acme-bank:",
    });
    expect(outputs.namespace).toBe("tenant-acme-bank");
    expect(outputs.connectionSecret).toEqual({
      name: "wspec-tenant-connection",
      namespace: "tenant-acme-bank",
    });
    expect(outputs.credentials).toEqual({
      databaseUrl: "postgres://tenant_acme_bank:pw-acme-bank-postgres@127.0.0.1:5433/tenant_acme_bank",
      databasePassword: "pw-acme-bank-postgres",
      redisUrl: "redis://tenant-acme-bank:pw-acme-bank-redis@127.0.0.1:6380",
      redisPassword: "pw-acme-bank-redis",
    });
  });

  it("parents every child to the component (so its transformations and aliases reach them)", async () => {
    const children: string[] = [];
    const tenant = new LocalTenant("kids", args("kids", "professional"), {
      // A component's transformations run only for resources whose parent chain reaches it.
      transformations: [
        (t) => {
          if (t.opts.parent) children.push(`${t.type} ${t.name}`);
          return undefined;
        },
      ],
    });
    await value(tenant.credentials);
    expect(children).toHaveLength(11);
  });

  it("professional: its own schema in the pool database", async () => {
    const { one } = await build(args("mid-co", "professional"));
    expect(one(PG).inputs).toMatchObject({
      database: "wspec_pool",
      schema: "tenant_mid_co",
      role: "tenant_mid_co",
      dedicatedDatabase: false,
      dedicatedSchema: true,
    });
  });

  it("starter: the shared schema through the shared group, in the pool database", async () => {
    const { one } = await build(args("small", "starter"));
    expect(one(PG).inputs).toMatchObject({
      database: "wspec_pool",
      schema: "pool_shared",
      role: "tenant_small",
      dedicatedDatabase: false,
      dedicatedSchema: false,
      sharedGroup: "pool_shared_member",
    });
  });

  it("labels the namespace, sizes quota and limits from tier and limits, and denies by default", async () => {
    const { one, byType } = await build(args("quota-co", "starter"));
    const ns = one("kubernetes:core/v1:Namespace").inputs as { metadata: Record<string, unknown> };
    expect(ns.metadata).toEqual({
      name: "tenant-quota-co",
      labels: {
        "example.com/cost-center": "c42",
        "wspec.io/tenant": "quota-co",
        "wspec.io/tier": "starter",
        "app.kubernetes.io/managed-by": "wspec",
        "pod-security.kubernetes.io/enforce": "restricted",
      },
      annotations: { "wspec.io/admins": "ops@bank.example,cto@bank.example" },
    });
    const quota = one("kubernetes:core/v1:ResourceQuota").inputs as {
      metadata: { annotations: Record<string, string> };
      spec: { hard: Record<string, string> };
    };
    expect(quota.metadata.annotations).toEqual({ "pulumi.com/skipAwait": "true" });
    expect(quota.spec.hard).toMatchObject({
      "requests.storage": "20Gi",
      pods: "6",
      secrets: "10",
      configmaps: "10",
    });
    const limits = one("kubernetes:core/v1:LimitRange").inputs as { spec: { limits: { type: string }[] } };
    expect(limits.spec.limits).toContainEqual({ type: "PersistentVolumeClaim", max: { storage: "20Gi" } });
    const policies = byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map(
      (r) => revealed(r.inputs) as { metadata: { name: string }; spec: Record<string, unknown> },
    );
    expect(policies.find((p) => p.metadata.name === "default-deny-all")?.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
    expect(policies.find((p) => p.metadata.name === "allow-dns-egress")?.spec).toMatchObject({
      policyTypes: ["Egress"],
      egress: [
        {
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    });
    const secret = one("kubernetes:core/v1:Secret").inputs as { stringData: Record<string, string> };
    expect(Object.keys(secret.stringData).sort()).toEqual(
      [
        "TENANT_ID",
        "TENANT_TIER",
        "DATABASE_URL",
        "DATABASE_HOST",
        "DATABASE_PORT",
        "DATABASE_NAME",
        "DATABASE_SCHEMA",
        "DATABASE_USER",
        "DATABASE_PASSWORD",
        "REDIS_URL",
        "REDIS_HOST",
        "REDIS_PORT",
        "REDIS_USER",
        "REDIS_PASSWORD",
        "REDIS_KEY_PREFIX",
        "STORAGE_PATH",
        "LIMIT_STORAGE_GIB",
        "LIMIT_DOCUMENTS",
        "LIMIT_REQUESTS_PER_HOUR",
        "AUDIT_HMAC_KEY",
      ].sort(),
    );
    expect(secret.stringData).toMatchObject({
      DATABASE_SCHEMA: "pool_shared",
      REDIS_KEY_PREFIX: "t:quota-co:",
    });
  });

  it("keeps credentials, admin URLs and the kubeconfig secret, and nothing else", async () => {
    const { tenant, one } = await build(args("secret-co", "professional"));
    expect(await pulumi.isSecret(tenant.credentials)).toBe(true);
    for (const plain of [
      tenant.database,
      tenant.storage,
      tenant.redis,
      tenant.namespace,
      tenant.connectionSecret,
    ]) {
      expect(await pulumi.isSecret(plain as pulumi.Output<unknown>)).toBe(false);
    }
    expect(isSecretValue(one("pulumi:providers:kubernetes").raw.kubeconfig)).toBe(true);
    expect(isSecretValue(one(PG).raw.adminUrl)).toBe(true);
    expect(isSecretValue(one("pulumi-nodejs:dynamic/local:RedisAclUser").raw.adminUrl)).toBe(true);
    // Values computed from secrets stay secret: the Secret's data goes to the engine wrapped.
    expect(isSecretValue(one("kubernetes:core/v1:Secret").raw.stringData)).toBe(true);
    for (const plain of ["tier", "role", "database", "schema"])
      expect(isSecretValue(one(PG).raw[plain])).toBe(false);
  });
});

describe("invalid args", () => {
  it("are rejected before any resource, with every problem named", () => {
    const bad = args("Acme_Bank", "gold" as Tier, {
      limits: { storageGiB: 0, documents: 10, requestsPerHour: 1.5 },
      admins: ["not-an-email"],
      labels: { "wspec.io/tier": "platinum" },
    });
    const message =
      'tenantId "Acme_Bank" must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter; ' +
      'tier "gold" not in [enterprise, professional, starter]; ' +
      "limits.storageGiB 0 must be a positive integer; " +
      "limits.requestsPerHour 1.5 must be a positive integer; " +
      'admins[0] "not-an-email" must be an email address; ' +
      'labels["wspec.io/tier"] "platinum" is set by wspec and cannot be overridden';
    expect(() => localTenantProgram(bad)).toThrow(message);
    registered = [];
    expect(() => new LocalTenant("bad", bad)).toThrow(message);
    expect(registered.filter((r) => r.type !== "wspec:local:Tenant")).toEqual([]);
  });

  it("name a credential field without echoing its value", () => {
    const bad = args("acme", "starter");
    const connections = {
      ...bad.connections,
      postgresAdminUrl: "mysql://root:hunter2@db",
      storageRoot: "data",
    };
    expect(() => localTenantProgram({ ...bad, connections })).toThrow(
      "connections.postgresAdminUrl must be a postgres:// or postgresql:// URL with a host; " +
        "connections.storageRoot \"data\" must be an absolute path without '..'",
    );
  });
});

describe("serverAddress", () => {
  it("reads host and port, with the scheme's default port", () => {
    expect(serverAddress("postgres://u:p@db.internal:5433/postgres", 5432)).toEqual({
      host: "db.internal",
      port: 5433,
    });
    expect(serverAddress("redis://u:p@cache", 6379)).toEqual({ host: "cache", port: 6379 });
    expect(serverAddress("postgres://u:p@[::1]:5432/x", 5432)).toEqual({ host: "::1", port: 5432 });
  });
});

describe("withCredentials", () => {
  it("puts the tenant's user and password on the admin URL's server, and its database", () => {
    expect(
      withCredentials(
        "postgres://postgres:admin@127.0.0.1:5433/postgres?sslmode=require",
        "tenant_a",
        "s3cr/t",
        "wspec_pool",
      ),
    ).toBe("postgres://tenant_a:s3cr%2Ft@127.0.0.1:5433/wspec_pool?sslmode=require");
    expect(withCredentials("redis://default:admin@127.0.0.1:6380", "tenant-a", "pw")).toBe(
      "redis://tenant-a:pw@127.0.0.1:6380",
    );
  });
});
