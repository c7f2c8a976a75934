// The security review's fixes as the server entry wires them (startRuntime, a fresh database,
// tenants from a mounted Secrets directory, the real Redis): audit chains keyed with the operator's
// AUDIT_HMAC_KEY from the tenant's Secret, or by default with a key derived for the tenant; API
// keys naming their tenant; the per-address bucket in front of sign-in. Issue 16, item 4.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { derivedAuditKey, rowHash } from "../audit/index.ts";
import { tenantUuid } from "../db/index.ts";
import { type FreshDatabase, freshDatabase } from "../db/testing/index.ts";
import { type Runtime, startRuntime } from "../main.ts";
import { createAccessTokenService, generateAccessTokenKey } from "./access-token.ts";

const run = randomBytes(3).toString("hex");
const OWN = `own-key-${run}`;
const DERIVED = `derived-key-${run}`;
const OPERATOR_KEY = randomBytes(32).toString("hex");
const ROOT = randomBytes(32).toString("base64");
let db: FreshDatabase;
let secrets: string;
let runtime: Runtime;
let url: string;
let admin: postgres.Sql;
let tokens: Awaited<ReturnType<typeof createAccessTokenService>>;

beforeAll(async () => {
  const local = await loadLocalEnv();
  db = await freshDatabase("wspec_review");
  const appUrl = new URL(db.appUrl);
  secrets = await mkdtemp(join(tmpdir(), "wspec-review-secrets-"));
  for (const slug of [OWN, DERIVED]) {
    const data: Record<string, string> = {
      TENANT_ID: slug,
      TENANT_TIER: "starter",
      DATABASE_HOST: appUrl.hostname,
      DATABASE_PORT: appUrl.port,
      DATABASE_NAME: db.name,
      DATABASE_SCHEMA: "public",
      DATABASE_USER: decodeURIComponent(appUrl.username),
      DATABASE_PASSWORD: db.appPassword,
      REDIS_KEY_PREFIX: `t:${slug}:`,
      ...(slug === OWN ? { AUDIT_HMAC_KEY: OPERATOR_KEY } : {}),
    };
    await mkdir(join(secrets, slug));
    for (const [k, v] of Object.entries(data)) await writeFile(join(secrets, slug, k), v);
  }
  const key = await generateAccessTokenKey(`review-${run}`);
  runtime = await startRuntime({
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATABASE_URL: db.appUrl,
    REDIS_URL: local.redis.url,
    SWEEP_INTERVAL_SECONDS: "0",
    TENANT_SECRETS_DIR: secrets,
    AUTH_JWT_PRIVATE_KEY: key.privateKeyPem,
    AUTH_JWT_KID: key.kid,
    AUTH_SECRET_BOX_KEY: ROOT,
  });
  url = `http://127.0.0.1:${runtime.server.address.port}`;
  admin = postgres(db.adminUrl, { max: 2, onnotice: () => {} });
  tokens = await createAccessTokenService({
    issuer: "wspec",
    audience: "wspec-api",
    signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
  });
});
afterAll(async () => {
  await runtime?.server.shutdown("review wiring tests done");
  await admin?.end({ timeout: 5 });
  await db?.drop();
  if (secrets) await rm(secrets, { recursive: true, force: true });
});

const login = (tenant: string, email = "nobody@example.com") =>
  fetch(`${url}/api/v2/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant, email, password: "not the password" }),
  });

async function firstRow(slug: string) {
  const [row] = await admin<
    {
      seq: number;
      occurred_at: Date;
      actor_type: string;
      actor_id: string | null;
      action: string;
      resource_type: string;
      resource_id: string | null;
      ip: string | null;
      user_agent: string | null;
      request_id: string | null;
      metadata: Record<string, unknown>;
      prev_hash: string;
      hash: string;
    }[]
  >`select * from audit_logs where tenant_id = ${tenantUuid(slug)} order by seq limit 1`;
  if (!row) throw new Error(`no audit row for ${slug}`);
  const fields = {
    tenantId: tenantUuid(slug),
    seq: Number(row.seq), // bigint: the driver answers a string
    occurredAt: row.occurred_at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    metadata: row.metadata,
  };
  return { row, hashUnder: (key?: string) => rowHash(fields, row.prev_hash, key) };
}

async function verify(slug: string) {
  const { token } = await tokens.issue({
    sub: crypto.randomUUID(),
    tenant: tenantUuid(slug),
    role: "compliance-officer",
    scopes: ["*"],
  });
  const res = await fetch(`${url}/api/v2/audit/verify`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: unknown }).data;
}

describe("the runtime as main.ts wires it", () => {
  it("keys a tenant's audit chain with the operator's key from its Secret", async () => {
    expect((await login(OWN)).status).toBe(401);
    const { row, hashUnder } = await firstRow(OWN);
    expect(row.action).toBe("auth.login.failed");
    expect(row.hash).toBe(hashUnder(OPERATOR_KEY));
    expect(row.hash).not.toBe(hashUnder());
    expect(await verify(OWN)).toMatchObject({ ok: true, checked: 1, unkeyed: 0 });
  });

  it("keys a chain by default, with a key derived for the tenant, when its Secret has none", async () => {
    expect((await login(DERIVED)).status).toBe(401);
    const { hashUnder, row } = await firstRow(DERIVED);
    expect(row.hash).toBe(hashUnder(derivedAuditKey(ROOT, tenantUuid(DERIVED))));
    expect(row.hash).not.toBe(hashUnder());
    expect(await verify(DERIVED)).toMatchObject({ ok: true, checked: 1, unkeyed: 0 });
  });

  it("gives API keys that name their tenant", async () => {
    const [user] = await admin<{ id: string }[]>`
      insert into users (tenant_id, email, role) values (${tenantUuid(OWN)}, 'admin@own.test', 'tenant-admin')
      returning id`;
    const { token } = await tokens.issue({
      sub: user?.id ?? "",
      tenant: tenantUuid(OWN),
      role: "tenant-admin",
      scopes: ["*"],
    });
    const res = await fetch(`${url}/api/v2/api-keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "ci", scopes: ["users:manage"] }),
    });
    expect(res.status).toBe(201);
    const key = ((await res.json()) as { data: { key: string } }).data.key;
    expect(key.startsWith(`wspec_${OWN}_`)).toBe(true);
    const users = await fetch(`${url}/api/v2/users`, { headers: { "x-api-key": key } });
    expect(users.status).toBe(200);
  });

  it("answers a flood of sign-ins from one address with 429 and Retry-After before any work", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40 && !statuses.includes(429); i++) {
      const res = await login(DERIVED, `flood-${i}@example.com`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Refused before the route: the refused attempt left no audit row.
    const [count] = await admin<{ n: number }[]>`
      select count(*)::int as n from audit_logs
      where tenant_id = ${tenantUuid(DERIVED)} and action = 'auth.login.failed'`;
    expect(count?.n).toBe(statuses.filter((s) => s === 401).length + 1);
  });
});
