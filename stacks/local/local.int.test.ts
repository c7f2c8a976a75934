// The local target for real: tenants go up through the Automation API on the file backend, the
// credentials the stacks made work and are confined, a limit change is an in-place update, destroy
// leaves nothing behind, and a create adopts what a crashed run left unrecorded.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation/index.js";
import { Redis } from "ioredis";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceOptions } from "../../operator/pulumi/engine.ts";
import { type LocalEnv, loadLocalEnv, localPulumiEngine } from "../../scripts/env/index.ts";
import {
  type LocalTenantArgs,
  type LocalTenantOutputs,
  localTenantProgram,
  readLocalTenantOutputs,
  type Tier,
} from "../index.ts";

const PROJECT = "wspec-test-local";
const run = randomUUID().slice(0, 6);
let env: LocalEnv;
let kubeconfig: string;
let storageRoot: string;
let core: k8s.CoreV1Api;
let networking: k8s.NetworkingV1Api;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  env = await loadLocalEnv();
  kubeconfig = readFileSync(env.kubernetes.kubeconfig, "utf8");
  storageRoot = mkdtempSync(join(tmpdir(), "wspec-storage-"));
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  networking = kc.makeApiClient(k8s.NetworkingV1Api);
});

// A failed test must not leave stacks, roles or namespaces in the shared environment.
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  rmSync(storageRoot, { recursive: true, force: true });
});

function tenantArgs(tenantId: string, tier: Tier, storageGiB = 5): LocalTenantArgs {
  return {
    tenantId,
    tier,
    limits: { storageGiB, documents: 1000, requestsPerHour: 500 },
    admins: ["admin@example.com"],
    labels: { "example.com/team": "compliance" },
    connections: {
      postgresAdminUrl: env.postgres.url,
      redisAdminUrl: env.redis.url,
      kubeconfig,
      storageRoot,
    },
  };
}

async function tenantStack(args: LocalTenantArgs): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: args.tenantId, projectName: PROJECT, program: localTenantProgram(args) },
    await workspaceOptions(localPulumiEngine(env), { name: PROJECT }),
  );
  cleanups.push(async () => {
    await stack.destroy();
    await stack.workspace.removeStack(stack.name);
  });
  return stack;
}

async function upTenant(args: LocalTenantArgs): Promise<{ stack: Stack; out: LocalTenantOutputs }> {
  const stack = await tenantStack(args);
  const up = await stack.up();
  expect(up.summary.result).toBe("succeeded");
  const { val, err } = readLocalTenantOutputs(up.outputs);
  if (!val) throw new Error(err);
  return { stack, out: val };
}

/** Runs `fn` on a one-connection client, always closing it. */
async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

const adminSql = <T>(fn: (sql: postgres.Sql) => Promise<T>, database?: string) => {
  const url = new URL(env.postgres.url);
  if (database) url.pathname = `/${database}`;
  return withSql(url.toString(), fn);
};

async function withRedis<T>(url: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

const roleExists = (role: string) =>
  adminSql(async (sql) => (await sql`select 1 from pg_roles where rolname = ${role}`).length > 0);
const redisUser = (user: string) => withRedis(env.redis.url, (r) => r.call("ACL", "GETUSER", user));
const notFound = { code: 404 };

describe("local tenants on the real services", () => {
  const ids = { starter: `st-${run}`, professional: `pro-${run}`, enterprise: `ent-${run}` };
  const stacks: Partial<Record<Tier, Stack>> = {};
  const outs: Partial<Record<Tier, LocalTenantOutputs>> = {};

  it("starter, professional and enterprise go up, and what they made works and is confined", async () => {
    const tiers = ["starter", "professional", "enterprise"] as const;
    const results = await Promise.all(tiers.map((tier) => upTenant(tenantArgs(ids[tier], tier))));
    tiers.forEach((tier, i) => {
      stacks[tier] = results[i]?.stack;
      outs[tier] = results[i]?.out;
    });
    const [starter, pro, ent] = [outs.starter, outs.professional, outs.enterprise];
    if (!starter || !pro || !ent) throw new Error("a tenant has no outputs");

    expect(starter.database).toMatchObject({
      name: "wspec_pool",
      schema: "pool_shared",
      user: `tenant_st_${run}`,
    });
    expect(pro.database).toMatchObject({ name: "wspec_pool", schema: `tenant_pro_${run}` });
    expect(ent.database).toMatchObject({ name: `tenant_ent_${run}`, schema: `tenant_ent_${run}` });
    expect(ent.storage.path).toBe(join(storageRoot, ids.enterprise));
    expect(statSync(ent.storage.path).mode & 0o777).toBe(0o700);

    // Enterprise: its own database, where it creates tables; nothing else.
    await withSql(ent.credentials.databaseUrl, async (sql) => {
      await sql`create table documents (id int primary key, body text)`;
      await sql`insert into documents values (1, 'kept across updates')`;
      const [row] = await sql`select current_schema() as schema`;
      expect(row?.schema).toBe(ent.database.schema);
      await expect(sql`create database ${sql(`x_${run}`)}`).rejects.toThrow(
        /permission denied to create database/,
      );
    });
    const poolAsEnterprise = new URL(ent.credentials.databaseUrl);
    poolAsEnterprise.pathname = "/wspec_pool";
    await expect(withSql(poolAsEnterprise.toString(), (sql) => sql`select 1`)).rejects.toThrow(
      /permission denied for database "wspec_pool"/,
    );

    // Professional: its own schema in the pool; other tenants cannot see into it.
    await withSql(pro.credentials.databaseUrl, async (sql) => {
      await sql`create table documents (id int primary key)`;
      await expect(sql`create database ${sql(`x_${run}`)}`).rejects.toThrow(
        /permission denied to create database/,
      );
    });

    // Starter: the shared schema, usage only (the runtime owns its tables; RLS separates tenants).
    await withSql(starter.credentials.databaseUrl, async (sql) => {
      const [row] = await sql`select current_schema() as schema,
        has_schema_privilege('pool_shared', 'USAGE') as usage, has_schema_privilege('pool_shared', 'CREATE') as create`;
      expect(row).toEqual({ schema: "pool_shared", usage: true, create: false });
      await expect(sql`create table pool_shared.mine (id int)`).rejects.toThrow(
        /permission denied for schema/,
      );
      await expect(sql`select * from ${sql(pro.database.schema)}.documents`).rejects.toThrow(
        /permission denied for schema/,
      );
      await expect(sql`create database ${sql(`x_${run}`)}`).rejects.toThrow(
        /permission denied to create database/,
      );
    });

    // Redis: each user within its own prefix, and saved to the aclfile so a restart keeps it.
    await withRedis(starter.credentials.redisUrl, async (redis) => {
      await redis.set(`t:${ids.starter}:x`, "1");
      expect(await redis.get(`t:${ids.starter}:x`)).toBe("1");
      await expect(redis.set(`t:${ids.enterprise}:x`, "1")).rejects.toThrow(/NOPERM/);
      await expect(redis.flushall()).rejects.toThrow(/NOPERM/);
      expect(await redis.info("server")).toMatch(/redis_version/);
    });
    const aclfile = await withRedis(env.redis.url, async (r) => (await r.config("GET", "aclfile"))[1]);
    expect(readFileSync(String(aclfile), "utf8")).toContain(`user tenant-${ids.starter} on`);

    // Kubernetes: namespace, quota, limit range, network policies and the connection Secret.
    const ns = await core.readNamespace({ name: ent.namespace });
    expect(ns.metadata?.labels).toMatchObject({
      "wspec.io/tenant": ids.enterprise,
      "wspec.io/tier": "enterprise",
      "app.kubernetes.io/managed-by": "wspec",
      "example.com/team": "compliance",
    });
    const quota = await core.readNamespacedResourceQuota({ name: "tenant-quota", namespace: ent.namespace });
    expect(quota.spec?.hard).toMatchObject({ "requests.storage": "5Gi", pods: "100" });
    const limits = await core.readNamespacedLimitRange({ name: "tenant-limits", namespace: ent.namespace });
    expect(limits.spec?.limits.map((l) => l.type)).toEqual(["Container", "PersistentVolumeClaim"]);
    const policies = await networking.listNamespacedNetworkPolicy({ namespace: ent.namespace });
    expect(policies.items.map((p) => p.metadata?.name).sort()).toEqual([
      "allow-dns-egress",
      "default-deny-all",
    ]);
    const secret = await core.readNamespacedSecret({
      name: ent.connectionSecret.name,
      namespace: ent.namespace,
    });
    const decoded = (key: string) => Buffer.from(secret.data?.[key] ?? "", "base64").toString();
    expect(decoded("DATABASE_URL")).toBe(ent.credentials.databaseUrl);
    expect(decoded("REDIS_KEY_PREFIX")).toBe(`t:${ids.enterprise}:`);
    expect(decoded("STORAGE_PATH")).toBe(ent.storage.path);
    // The tenant's audit-chain key (runtime/audit): drawn once by the stack, secret in the state.
    const auditKey = decoded("AUDIT_HMAC_KEY");
    expect(auditKey).toMatch(/^[0-9a-f]{64}$/);

    // The state holds admin credentials, passwords and the kubeconfig only encrypted (read the
    // file itself: exportStack decrypts).
    const backend = fileURLToPath(env.pulumi.backendUrl);
    const state = readFileSync(join(backend, ".pulumi", "stacks", PROJECT, `${ids.enterprise}.json`), "utf8");
    expect(state).toContain("tenant_ent_"); // the right file, with the tenant in it
    const clientKey = /client-key-data: (\S+)/.exec(kubeconfig)?.[1] ?? "no client key";
    for (const plain of [
      env.postgres.password,
      env.redis.password,
      ent.credentials.databasePassword,
      clientKey,
      auditKey,
    ]) {
      expect(state).not.toContain(plain);
    }
  });

  it("a limit change updates the quota in place; the database is not replaced", async () => {
    const stack = await tenantStack(tenantArgs(ids.enterprise, "enterprise", 7));
    const up = await stack.up();
    // Quota, limit range and Secret change; nothing is created, replaced or deleted.
    expect(up.summary.resourceChanges).toEqual({ same: 10, update: 3 });
    const { val } = readLocalTenantOutputs(up.outputs);
    expect(val?.credentials.databasePassword).toBe(outs.enterprise?.credentials.databasePassword);
    const quota = await core.readNamespacedResourceQuota({
      name: "tenant-quota",
      namespace: `tenant-${ids.enterprise}`,
    });
    expect(quota.spec?.hard?.["requests.storage"]).toBe("7Gi");
    await withSql(val?.credentials.databaseUrl ?? "", async (sql) => {
      expect(await sql`select body from documents`).toEqual([{ body: "kept across updates" }]);
    });
  });

  it("destroy removes database, schema, roles, Redis users, storage and namespaces; then the stack", async () => {
    const tiers = ["starter", "professional", "enterprise"] as const;
    await withRedis(env.redis.url, (r) => r.set(`t:${ids.professional}:left-behind`, "1"));
    await Promise.all(tiers.map((tier) => stacks[tier]?.destroy()));

    await adminSql(async (sql) => {
      const dbs =
        await sql`select 1 from pg_database where datname = ${outs.enterprise?.database.name ?? ""}`;
      expect(dbs).toHaveLength(0);
    });
    await adminSql(async (sql) => {
      const schemas = await sql`select nspname from pg_namespace where nspname in ${sql([
        outs.professional?.database.schema ?? "",
        "pool_shared",
      ])}`;
      expect(schemas.map((s) => s.nspname)).toEqual(["pool_shared"]); // the shared schema stays
    }, "wspec_pool");
    for (const tier of tiers) {
      const out = outs[tier];
      if (!out) throw new Error(`${tier} has no outputs`);
      expect(await roleExists(out.database.user)).toBe(false);
      expect(await redisUser(out.redis.user)).toBeNull();
      expect(existsSync(out.storage.path)).toBe(false);
      await expect(core.readNamespace({ name: out.namespace })).rejects.toMatchObject(notFound);
    }
    expect(await withRedis(env.redis.url, (r) => r.exists(`t:${ids.professional}:left-behind`))).toBe(0);

    await Promise.all(tiers.map((tier) => stacks[tier]?.workspace.removeStack(ids[tier])));
    const listed = await stacks.starter?.workspace.listStacks();
    expect(listed?.map((s) => s.name)).not.toEqual(expect.arrayContaining([ids.starter]));
    expect(listed?.map((s) => s.name)).not.toContain(ids.enterprise);
  });
});

describe("crash recovery and drift", () => {
  it("up adopts a role, a Redis user, a directory and a namespace that a crashed run never recorded", async () => {
    const id = `adopt-${run}`;
    const role = `tenant_adopt_${run}`;
    cleanups.push(() => adminSql((sql) => sql.unsafe(`drop role if exists ${role}`)));
    cleanups.push(() => withRedis(env.redis.url, (r) => r.call("ACL", "DELUSER", `tenant-${id}`)));
    // What a create killed after its side effects, before the checkpoint, leaves behind.
    await adminSql((sql) => sql.unsafe(`create role ${role} login createdb password 'left-by-crash'`));
    await withRedis(env.redis.url, (r) =>
      r.call("ACL", "SETUSER", `tenant-${id}`, "on", ">left-by-crash", "~*", "+@all"),
    );
    mkdirSync(join(storageRoot, id), { mode: 0o755 });
    await core.createNamespace({ body: { metadata: { name: `tenant-${id}` } } });

    const { stack, out } = await upTenant(tenantArgs(id, "professional"));
    const [attrs] = await adminSql(
      (sql) => sql`select rolcreatedb, rolsuper, rolcanlogin from pg_roles where rolname = ${role}`,
    );
    expect(attrs).toEqual({ rolcreatedb: false, rolsuper: false, rolcanlogin: true });
    const stale = new URL(out.credentials.databaseUrl);
    stale.password = "left-by-crash";
    await expect(withSql(stale.toString(), (sql) => sql`select 1`)).rejects.toThrow(
      /password authentication failed/,
    );
    await withSql(out.credentials.databaseUrl, (sql) => sql`create table t (id int)`);
    await withRedis(out.credentials.redisUrl, async (redis) => {
      await redis.set(`t:${id}:x`, "1");
      await expect(redis.set("elsewhere", "1")).rejects.toThrow(/NOPERM/);
    });
    expect(statSync(out.storage.path).mode & 0o777).toBe(0o700);
    const ns = await core.readNamespace({ name: out.namespace });
    expect(ns.metadata?.labels).toMatchObject({ "wspec.io/tenant": id, "wspec.io/tier": "professional" });

    // Drift made outside Pulumi: refresh sees it, and the next up repairs it in place.
    await adminSql((sql) => sql.unsafe(`alter role ${role} createdb`));
    await stack.refresh();
    const repair = await stack.up();
    expect(repair.summary.resourceChanges).toMatchObject({ update: 1 });
    const [after] = await adminSql((sql) => sql`select rolcreatedb from pg_roles where rolname = ${role}`);
    expect(after?.rolcreatedb).toBe(false);

    await stack.destroy();
    expect(await roleExists(role)).toBe(false);
    expect(await redisUser(`tenant-${id}`)).toBeNull();
    await expect(core.readNamespace({ name: out.namespace })).rejects.toMatchObject(notFound);
    await stack.workspace.removeStack(id);
  });
});
