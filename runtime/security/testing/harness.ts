// Test support (imported by *.int.test.ts only): the runtime exactly as the server entry builds it
// (startRuntime, a fresh migrated database, tenants from a mounted Secrets directory, local
// storage), two tenants A and B with a signed-in user of every role, and tenant B's resources of
// every kind created through the API, so the security tables attack real rows.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { loadLocalEnv } from "../../../scripts/env/index.ts";
import {
  type AccessTokenService,
  createAccessTokenService,
  generateAccessTokenKey,
} from "../../auth/access-token.ts";
import { ROLES, type Role } from "../../auth/rbac.ts";
import { tenantUuid } from "../../db/index.ts";
import { type FreshDatabase, freshDatabase } from "../../db/testing/index.ts";
import { type Runtime, startRuntime } from "../../main.ts";

export interface TenantFixture {
  slug: string;
  id: string;
  tier: string;
  /** A user of every role, with a full-session access token. */
  users: Record<Role, { id: string; email: string; token: string }>;
}

export interface Harness {
  url: string;
  runtime: Runtime;
  /** The superuser on the test database (no RLS): seeding and checking what was stored. */
  admin: postgres.Sql;
  /** The app role (wspec_app), as the runtime connects. */
  app: postgres.Sql;
  tokens: AccessTokenService;
  signingKey: { kid: string; privateKeyPem: string };
  A: TenantFixture;
  B: TenantFixture;
  call(method: string, path: string, init?: CallInit): Promise<Reply>;
  close(): Promise<void>;
}

export interface CallInit {
  token?: string;
  apiKey?: string;
  body?: string | Uint8Array;
  json?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  text: string;
  body: ErrorBody & { data?: unknown };
}

export interface ErrorBody {
  error?: { code: string; message: string; details: { field: string; message: string }[] };
  meta?: { timestamp: string; version: string; request_id: string };
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const local = await loadLocalEnv();
  const db: FreshDatabase = await freshDatabase("wspec_security");
  const appUrl = new URL(db.appUrl);
  const secrets = await mkdtemp(join(tmpdir(), "wspec-security-secrets-"));
  const storage = await mkdtemp(join(tmpdir(), "wspec-security-store-"));
  const run = randomBytes(3).toString("hex");
  const tenants = [
    { slug: `sec-a-${run}`, tier: "starter" },
    { slug: `sec-b-${run}`, tier: "starter" },
  ];
  // What the operator mounts for a pooled tenant: its connection Secret, one file per key.
  for (const t of tenants) {
    const data: Record<string, string> = {
      TENANT_ID: t.slug,
      TENANT_TIER: t.tier,
      DATABASE_HOST: appUrl.hostname,
      DATABASE_PORT: appUrl.port,
      DATABASE_NAME: db.name,
      DATABASE_SCHEMA: "public",
      DATABASE_USER: decodeURIComponent(appUrl.username),
      DATABASE_PASSWORD: db.appPassword,
      REDIS_KEY_PREFIX: `t:${t.slug}:`,
    };
    await mkdir(join(secrets, t.slug));
    for (const [k, v] of Object.entries(data)) await writeFile(join(secrets, t.slug, k), v);
  }
  const key = await generateAccessTokenKey(`sec-${run}`);
  const runtime = await startRuntime({
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATABASE_URL: db.appUrl,
    REDIS_URL: local.redis.url,
    RATE_LIMIT_ENABLED: "false",
    SWEEP_INTERVAL_SECONDS: "0",
    STORAGE_KIND: "local",
    STORAGE_PATH: storage,
    TENANT_SECRETS_DIR: secrets,
    AUTH_JWT_PRIVATE_KEY: key.privateKeyPem,
    AUTH_JWT_KID: key.kid,
    AUTH_SECRET_BOX_KEY: randomBytes(32).toString("base64"),
    // Webhook endpoints of the seed point at a closed loopback port: nothing leaves the machine.
    WEBHOOKS_ALLOW_PRIVATE: "true",
    WEBHOOKS_ALLOW_HTTP: "true",
    ...env,
  });
  const url = `http://127.0.0.1:${runtime.server.address.port}`;
  const admin = postgres(db.adminUrl, { max: 2, onnotice: () => {} });
  const app = postgres(db.appUrl, { max: 2, onnotice: () => {} });
  const tokens = await createAccessTokenService({
    issuer: "wspec",
    audience: "wspec-api",
    signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
  });

  async function fixture(slug: string, tier: string): Promise<TenantFixture> {
    const id = tenantUuid(slug);
    const users = {} as TenantFixture["users"];
    for (const role of ROLES) {
      const email = `${role}@${slug}.test`;
      const [row] = await admin<{ id: string }[]>`
        insert into users (tenant_id, email, role) values (${id}, ${email}, ${role}) returning id`;
      const userId = row?.id ?? "";
      const { token } = await tokens.issue({ sub: userId, tenant: id, role, scopes: ["*"] });
      users[role] = { id: userId, email, token };
    }
    return { slug, id, tier, users };
  }
  const [ta, tb] = tenants;
  const A = await fixture(ta?.slug ?? "", ta?.tier ?? "");
  const B = await fixture(tb?.slug ?? "", tb?.tier ?? "");

  async function call(method: string, path: string, init: CallInit = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.apiKey) headers["x-api-key"] = init.apiKey;
    let body: string | Uint8Array | undefined = init.body;
    if (init.json !== undefined) body = JSON.stringify(init.json);
    if (body !== undefined || init.contentType)
      headers["content-type"] ??= init.contentType ?? "application/json";
    const res = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: Reply["body"] = {};
    try {
      parsed = JSON.parse(text) as Reply["body"];
    } catch {
      // downloads answer bytes, not JSON
    }
    return { status: res.status, text, body: parsed };
  }

  return {
    url,
    runtime,
    admin,
    app,
    tokens,
    signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
    A,
    B,
    call,
    async close() {
      await runtime.server.shutdown("security tests done");
      await Promise.all([admin.end({ timeout: 5 }), app.end({ timeout: 5 })]);
      await db.drop();
      await rm(secrets, { recursive: true, force: true });
      await rm(storage, { recursive: true, force: true });
    },
  };
}
