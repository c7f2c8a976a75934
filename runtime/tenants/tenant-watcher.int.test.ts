// Tenants without a restart, end to end on the real kube-apiserver and PostgreSQL: a runtime
// started with no tenant serves one as soon as its Secrets appear the way the operator writes them
// (the stack's connection Secret, the operator's admin setup Secret), its first admin sets a
// password with the one-time token (once; expired and forged tokens refused), and deleting the
// Secret takes the tenant away again. TENANT_SECRETS_DIR is followed the same way.
// Watch restarts after an API server restart are lib/kubernetes/resilient-informer.int.test.ts's.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import pino from "pino";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_SETUP_SECRET,
  adminSetupSecret,
  CONNECTION_SECRET,
  newSetupToken,
} from "../../lib/tenant-secrets/index.ts";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { generateAccessTokenKey } from "../auth/access-token.ts";
import { TenantDatabases, TenantRegistry } from "../db/index.ts";
import { type FreshDatabase, freshDatabase, mountTenantSecret } from "../db/testing/index.ts";
import { type Runtime, startRuntime } from "../main.ts";
import { startTenantWatcher } from "./watcher.ts";

const run = randomBytes(3).toString("hex");
const slug = `wt-${run}`;
const role = `tenant_wt_${run}`;
const rolePassword = randomBytes(12).toString("hex");
const namespace = `wspec-rt-${run}`;
const PASSWORD = "a long admin passphrase 7";

let fresh: FreshDatabase;
let admin: postgres.Sql;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let runtime: Runtime;
let base: string;

interface Body {
  data: { access_token: string; email: string; role: string };
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The keys and labels stacks/local writes into the tenant's connection Secret. */
function connectionSecret(keyPrefix: string): k8s.V1Secret {
  const url = new URL(fresh.adminUrl);
  return {
    metadata: {
      name: CONNECTION_SECRET,
      namespace,
      labels: {
        "wspec.io/tenant": slug,
        "app.kubernetes.io/managed-by": "wspec",
        "wspec.io/tenant-namespace": namespace,
        "wspec.io/tenant-name": "acme",
      },
    },
    type: "Opaque",
    stringData: {
      TENANT_ID: slug,
      TENANT_TIER: "professional",
      DATABASE_URL: `postgres://${role}:${rolePassword}@${url.host}/${fresh.name}`,
      DATABASE_HOST: url.hostname,
      DATABASE_PORT: url.port,
      DATABASE_NAME: fresh.name,
      DATABASE_SCHEMA: role,
      DATABASE_USER: role,
      DATABASE_PASSWORD: rolePassword,
      REDIS_KEY_PREFIX: keyPrefix,
    },
  };
}

beforeAll(async () => {
  const env = await loadLocalEnv();
  fresh = await freshDatabase();
  admin = postgres(fresh.adminUrl, { max: 1, onnotice: () => {} });
  // What stacks/local/postgres-tenant.ts does for a professional tenant: its own role and schema.
  await admin.unsafe(
    `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD '${rolePassword}'`,
  );
  await admin.unsafe(`CREATE SCHEMA ${role}; REVOKE ALL ON SCHEMA ${role} FROM PUBLIC`);
  kc = new k8s.KubeConfig();
  kc.loadFromFile(env.kubernetes.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  // The tenant's namespace as its stack labels it: the runtime trusts tenant Secrets only there.
  await core.createNamespace({
    body: {
      metadata: {
        name: namespace,
        labels: { "app.kubernetes.io/managed-by": "wspec", "wspec.io/tenant": slug },
      },
    },
  });
  const key = await generateAccessTokenKey("k1");
  runtime = await startRuntime({
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATABASE_URL: fresh.appUrl,
    DATABASE_ADMIN_URL: fresh.adminUrl,
    MIGRATE_ON_START: "true",
    REDIS_URL: env.redis.url,
    TENANT_SECRETS_SOURCE: "kubernetes",
    KUBECONFIG: env.kubernetes.kubeconfig,
    // Only this test's Secrets: other tests' operators write real ones into the same cluster.
    TENANT_SECRETS_SELECTOR: `wspec.io/tenant-namespace=${namespace}`,
    AUTH_JWT_PRIVATE_KEY: key.privateKeyPem,
    AUTH_SECRET_BOX_KEY: randomBytes(32).toString("base64"),
  });
  base = `http://127.0.0.1:${runtime.server.address.port}`;
});

afterAll(async () => {
  await runtime?.server.shutdown();
  await core?.deleteNamespace({ name: namespace }).catch(() => {});
  await admin?.end({ timeout: 5 });
  await fresh?.drop();
  const sql = postgres((await loadLocalEnv()).postgres.url, { max: 1, onnotice: () => {} });
  await sql.unsafe(`DROP ROLE IF EXISTS ${role}`).finally(() => sql.end({ timeout: 5 }));
});

describe("a runtime following the operator's tenant Secrets", () => {
  const alice = newSetupToken();
  // What operator/admin-setup writes: hashes only, labelled like the tenant's other objects.
  const labels = { "wspec.io/tenant-namespace": namespace, "wspec.io/tenant-name": "acme" };
  const later = adminSetupSecret({
    tenantId: slug,
    namespace,
    labels,
    admins: ["alice@acme.test", "bob@acme.test"],
  });
  const expired = adminSetupSecret({
    tenantId: slug,
    namespace,
    labels,
    admins: ["late@acme.test"],
    now: new Date(Date.now() - 73 * 3_600_000),
  });
  const [aliceIssued, bobIssued] = later.issued;
  const [lateIssued] = expired.issued;

  it("does not know the tenant before its Secret exists", async () => {
    const res = await post("/api/v2/auth/setup", { tenant: slug, token: alice, password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("setup token is not valid for this tenant");
    const doc = (await (await fetch(`${base}/api/v2/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(doc.paths)).toContain("/api/v2/auth/setup");
  });

  it("serves the tenant once the Secrets appear: the first admin sets a password with the token, once", async () => {
    // The operator's setup Secret, with one expired entry added to check expiry.
    const setup = later.body;
    const entries = [
      ...JSON.parse(setup.stringData.ADMINS ?? "[]"),
      ...JSON.parse(expired.body.stringData.ADMINS ?? "[]"),
    ];
    await core.createNamespacedSecret({
      namespace,
      body: { ...setup, stringData: { ...setup.stringData, ADMINS: JSON.stringify(entries) } },
    });
    await core.createNamespacedSecret({ namespace, body: connectionSecret(`t:${slug}:`) });

    const done = await until("the tenant to be served", async () => {
      const res = await post("/api/v2/auth/setup", {
        tenant: slug,
        token: aliceIssued?.token,
        password: PASSWORD,
      });
      return res.status === 401 ? undefined : res;
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const me = await post("/api/v2/auth/me", undefined, done.body.data.access_token);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ email: "alice@acme.test", role: "tenant-admin" });

    // The tenant's own schema was migrated and holds its row and both admins (no password for bob).
    const rows = await admin.unsafe(
      `select email, role, password_hash is not null as has_password from ${role}.users order by email`,
    );
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { email: "alice@acme.test", role: "tenant-admin", has_password: true },
      { email: "bob@acme.test", role: "tenant-admin", has_password: false },
      { email: "late@acme.test", role: "tenant-admin", has_password: false },
    ]);

    const login = await post("/api/v2/auth/login", {
      tenant: slug,
      email: "alice@acme.test",
      password: PASSWORD,
    });
    expect(login.status).toBe(200);

    const reused = await post("/api/v2/auth/setup", {
      tenant: slug,
      token: aliceIssued?.token,
      password: "another admin passphrase 8",
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toMatch(/already used.*sign in with \/api\/v2\/auth\/login/);

    const forged = await post("/api/v2/auth/setup", {
      tenant: slug,
      token: newSetupToken(),
      password: PASSWORD,
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toBe("setup token is not valid for this tenant");

    const late = await post("/api/v2/auth/setup", {
      tenant: slug,
      token: lateIssued?.token,
      password: PASSWORD,
    });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/^setup token expired at .*; ask the platform team/);

    const weak = await post("/api/v2/auth/setup", {
      tenant: slug,
      token: bobIssued?.token,
      password: "short",
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("VALIDATION_ERROR");
    expect(weak.body.error.details[0]).toMatchObject({ field: "password" });
    const [bob] = await admin.unsafe(`select password_hash from ${role}.users where email = 'bob@acme.test'`);
    expect(bob?.password_hash).toBeNull();
    // Two uses of one token at once: one sets the password, the other finds it set.
    const both = await Promise.all(
      ["bob passphrase number one", "bob passphrase number two"].map((password) =>
        post("/api/v2/auth/setup", { tenant: slug, token: bobIssued?.token, password }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);

    const actions = await admin.unsafe(
      `select action, metadata->>'reason' as reason from ${role}.audit_logs where action like 'auth.setup.%' order by seq`,
    );
    // Polls before the tokens arrived may have failed as unknown; from the completion on, each is recorded.
    const trail = actions.map((a) => [a.action, a.reason]);
    expect(trail.slice(trail.findIndex(([a]) => a === "auth.setup.completed"))).toEqual([
      ["auth.setup.completed", null],
      ["auth.setup.failed", "already_used"],
      ["auth.setup.failed", "unknown_token"],
      ["auth.setup.failed", "expired"],
      ["auth.setup.completed", null],
      ["auth.setup.failed", "already_used"],
    ]);
  });

  it("applies a changed Secret, and forgets the tenant when it is deleted", async () => {
    await core.replaceNamespacedSecret({
      name: CONNECTION_SECRET,
      namespace,
      body: connectionSecret(`t:${slug}:v2:`),
    });
    await until("the update", () =>
      runtime.registry.getBySlug(slug)?.redis.keyPrefix === `t:${slug}:v2:` ? true : undefined,
    );
    const session = await post("/api/v2/auth/login", {
      tenant: slug,
      email: "alice@acme.test",
      password: PASSWORD,
    });
    expect(session.status).toBe(200);

    await core.deleteNamespacedSecret({ name: CONNECTION_SECRET, namespace });
    await until("the tenant to go", () => (runtime.registry.getBySlug(slug) ? undefined : true));
    const login = await post("/api/v2/auth/login", {
      tenant: slug,
      email: "alice@acme.test",
      password: PASSWORD,
    });
    expect(login.status).toBe(401);
    // A token issued before is refused: its tenant is no longer served.
    expect((await post("/api/v2/auth/me", undefined, session.body.data.access_token)).status).toBe(401);
    // Its pool is closed.
    expect(runtime.databases.stats().pools).toBe(0);
    await core.deleteNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace });
  });
});

describe("TENANT_SECRETS_DIR, watched", () => {
  it("registers a mounted Secret written after start and forgets a removed one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wspec-tenant-dir-"));
    const registry = new TenantRegistry();
    const databases = new TenantDatabases({ registry });
    const watcher = await startTenantWatcher({
      config: {
        TENANT_SECRETS_DIR: dir,
        TENANT_SECRETS_WATCH: true,
        TENANT_SECRETS_SOURCE: "none",
        MIGRATE_ON_START: false,
      },
      registry,
      databases,
      logger: pino({ level: "silent" }),
    });
    try {
      expect(registry.list()).toEqual([]);
      await mountTenantSecret(dir, "tenant", fresh, `dir-${run}`);
      await until("the mounted tenant", () => registry.getBySlug(`dir-${run}`));
      await watcher.idle(); // its row is written right after it is registered
      const [row] = await admin`select tier from tenants where slug = ${`dir-${run}`}`;
      expect(row?.tier).toBe("starter");

      await rm(join(dir, "tenant"), { recursive: true });
      await until("the removal", () => (registry.getBySlug(`dir-${run}`) ? undefined : true));
    } finally {
      await watcher.stop();
      await databases.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
