// Regression tests for the security review of issue 16 (item 4), through the routes against a
// fresh PostgreSQL: sign-in answers never tell which accounts exist; the tenant's MFA requirement
// holds for first sign-in (setup) and refresh; API keys name their tenant, follow their creator
// (disabled, demoted) and tenant (suspended) on every use, and expire by default.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app/index.ts";
import { createAccessTokenService, generateAccessTokenKey } from "../access-token.ts";
import { ApiKeyService } from "../api-key.ts";
import { createPasswordHasher, type PasswordHasher } from "../password.ts";
import type { Role } from "../rbac.ts";
import { createSecretBox } from "../secret-box.ts";
import { TenantsApiKeyStore } from "../stores/index.ts";
import { type AuthFixture, authFixture } from "../stores/testing.ts";
import { registerApiKeyRoutes } from "./api-keys/index.ts";
import { authenticateRequests, registerAuthRoutes } from "./index.ts";
import { registerUserRoutes } from "./users/index.ts";

const PASSWORD = "correct horse battery staple";
const SETUP_TOKEN = `wspec_setup_${"s".repeat(43)}`;
let fx: AuthFixture;
let app: ReturnType<typeof createApp>;
const argon = createPasswordHasher({ params: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
let verifications = 0;
const passwords: PasswordHasher = {
  hash: (p) => argon.hash(p),
  verify: (h, p) => {
    verifications++;
    return argon.verify(h, p);
  },
  needsRehash: (h) => argon.needsRehash(h),
};
let accessTokens: Awaited<ReturnType<typeof createAccessTokenService>>;
let admin: string;
let adminId: string;

interface Body {
  data: Record<string, unknown> & { access_token: string; refresh_token: string; key: string; id: string };
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; apiKey?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.apiKey) headers["x-api-key"] = opts.apiKey;
  const res = await app.request(`/api/v2${path}`, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}
const login = (email: string, tenant: string, password = PASSWORD) =>
  call("POST", "/auth/login", { body: { email, password, tenant } });

async function tokenFor(slug: string, userId: string, role: Role) {
  return (await accessTokens.issue({ sub: userId, tenant: fx.tenantId(slug), role, scopes: ["*"] })).token;
}

beforeAll(async () => {
  fx = await authFixture(["review", "review-mfa"]);
  const key = await generateAccessTokenKey("k1");
  accessTokens = await createAccessTokenService({
    issuer: "wspec-test",
    audience: "wspec-api",
    signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
  });
  const hash = await argon.hash(PASSWORD);
  adminId = await fx.addUser("review", {
    email: "admin@review.test",
    passwordHash: hash,
    role: "tenant-admin",
  });
  admin = await tokenFor("review", adminId, "tenant-admin");
  await fx.addUser("review", { email: "locked@review.test", passwordHash: hash });
  await fx.addUser("review", { email: "later@review.test", passwordHash: hash });
  await fx.admin`update tenants set mfa_required = true where slug = 'review-mfa'`;
  const deps = {
    databases: fx.dbs,
    registry: fx.registry,
    accessTokens,
    passwords,
    secretBox: createSecretBox([{ id: "k1", key: Buffer.alloc(32, 7).toString("base64") }], {
      purpose: "totp",
    }),
    setupTokens: {
      lookup: (tenantId: string, token: string) =>
        tenantId === fx.tenantId("review-mfa") && token === SETUP_TOKEN
          ? ({
              kind: "valid",
              entry: {
                email: "first@review-mfa.test",
                tokenSha256: "0".repeat(64),
                expiresAt: "2999-01-01T00:00:00Z",
              },
            } as const)
          : ({ kind: "unknown" } as const),
    },
  };
  const apiKeys = new ApiKeyService(
    new TenantsApiKeyStore(fx.dbs, () => fx.registry.list().map((l) => l.tenantId)),
  );
  app = createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
    middleware: [authenticateRequests(deps, { apiKeys })],
    routes: [registerAuthRoutes(deps), registerUserRoutes(deps), registerApiKeyRoutes(deps)],
  });
});
afterAll(async () => {
  await fx?.close();
});

describe("sign-in does not tell which accounts exist", () => {
  it("a locked account answers exactly as an unknown one, after the same hashing work", async () => {
    for (let i = 0; i < 5; i++)
      expect((await login("locked@review.test", "review", `wrong ${i}`)).status).toBe(401);
    const answers = [];
    for (const email of ["locked@review.test", "nobody@review.test"]) {
      verifications = 0;
      const res = await login(email, "review");
      answers.push({
        status: res.status,
        error: res.body.error,
        retryAfter: res.headers.get("retry-after"),
        hashed: verifications,
      });
    }
    expect(answers[0]).toEqual({
      status: 401,
      error: { code: "UNAUTHORIZED", message: "email, password or tenant is not valid", details: [] },
      retryAfter: null,
      hashed: 1,
    });
    expect(answers[1]).toEqual(answers[0]);
    // The lock is still recorded where the tenant's admins see it.
    const [row] = await fx.admin<{ n: number }[]>`
      select count(*)::int as n from audit_logs
      where tenant_id = ${fx.tenantId("review")} and action = 'auth.login.locked'`;
    expect(row?.n).toBe(1);
  });
});

describe("a tenant's MFA requirement holds for every way into a session", () => {
  it("setup (first sign-in) gives an un-enrolled admin only an enrollment session", async () => {
    const res = await call("POST", "/auth/setup", {
      body: { tenant: "review-mfa", token: SETUP_TOKEN, password: "a fresh passphrase 42" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ mfa_enrollment_required: true, token_type: "Bearer" });
    expect(res.body.data).not.toHaveProperty("refresh_token");
    const docs = await call("GET", "/users", { token: res.body.data.access_token });
    expect(docs.status).toBe(403);
  });

  it("refresh ends a session begun before the tenant required MFA", async () => {
    await fx.addUser("review-mfa", {
      email: "old@review-mfa.test",
      passwordHash: await argon.hash(PASSWORD),
    });
    await fx.admin`update tenants set mfa_required = false where slug = 'review-mfa'`;
    const session = await login("old@review-mfa.test", "review-mfa");
    expect(session.body.data.refresh_token).toMatch(/^wspec_rt_/);
    await fx.admin`update tenants set mfa_required = true where slug = 'review-mfa'`;
    const refreshed = await call("POST", "/auth/refresh", {
      body: { tenant: "review-mfa", refresh_token: session.body.data.refresh_token },
    });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error.message).toBe("this tenant requires MFA: sign in again to enroll");
    const [row] = await fx.admin<{ reason: string }[]>`
      select distinct revoked_reason as reason from refresh_tokens
      where tenant_id = ${fx.tenantId("review-mfa")} and user_id = (select id from users where email = 'old@review-mfa.test')`;
    expect(row?.reason).toBe("mfa_required");
    // And the next sign-in leads to enrollment, as login always did.
    expect((await login("old@review-mfa.test", "review-mfa")).body.data).toMatchObject({
      mfa_enrollment_required: true,
    });
  });
});

describe("API keys", () => {
  async function keyOf(token: string, scopes: string[], extra: Record<string, unknown> = {}) {
    const res = await call("POST", "/api-keys", { token, body: { name: "k", scopes, ...extra } });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  it("name their tenant and expire in 90 days unless asked; at most 365", async () => {
    const before = Date.now();
    const k = await keyOf(admin, ["users:manage"]);
    expect(k.key).toMatch(/^wspec_review_[0-9a-z]{12}_[0-9A-Za-z]{43}$/);
    const expires = Date.parse(String(k.expires_at));
    expect(expires - before).toBeGreaterThanOrEqual(90 * 86_400_000 - 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    const tooLong = await call("POST", "/api-keys", {
      token: admin,
      body: {
        name: "forever",
        scopes: ["users:manage"],
        expires_at: new Date(Date.now() + 400 * 86_400_000).toISOString(),
      },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details).toEqual([
      { field: "expires_at", message: "expiresAt must be at most 365 days ahead" },
    ]);
    expect((await call("GET", "/users", { apiKey: k.key })).status).toBe(200);
  });

  it("stop working when their creator is disabled, and are revoked with them", async () => {
    const creatorId = await fx.addUser("review", { email: "maker@review.test", role: "tenant-admin" });
    const k = await keyOf(await tokenFor("review", creatorId, "tenant-admin"), ["users:manage"]);
    expect((await call("GET", "/users", { apiKey: k.key })).status).toBe(200);
    // Disabled behind the API's back (e.g. SCIM, SQL): the next use is refused all the same.
    await fx.admin`update users set status = 'disabled' where id = ${creatorId}`;
    const refused = await call("GET", "/users", { apiKey: k.key });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe("API key's creator is disabled or no longer exists");
    // Disabled through the API: the keys are revoked in the same transaction.
    await fx.admin`update users set status = 'active' where id = ${creatorId}`;
    expect((await call("POST", `/users/${creatorId}/disable`, { token: admin })).status).toBe(200);
    const [row] = await fx.admin<
      { revoked_at: Date | null }[]
    >`select revoked_at from api_keys where id = ${k.id}`;
    expect(row?.revoked_at).not.toBeNull();
  });

  it("narrow when their creator is demoted, and end when nothing is left", async () => {
    const creatorId = await fx.addUser("review", { email: "demoted@review.test", role: "tenant-admin" });
    const token = await tokenFor("review", creatorId, "tenant-admin");
    const mixed = await keyOf(token, ["users:manage", "documents:read"]);
    const adminOnly = await keyOf(token, ["apikeys:manage"]);
    const res = await call("PATCH", `/users/${creatorId}`, { token: admin, body: { role: "end-user" } });
    expect(res.status).toBe(200);
    expect((await call("GET", "/users", { apiKey: mixed.key })).status).toBe(403);
    const rows = await fx.admin<{ id: string; role: string; scopes: string[]; revoked: boolean }[]>`
      select id, role, scopes, revoked_at is not null as revoked from api_keys where created_by = ${creatorId}`;
    expect(rows.find((r) => r.id === mixed.id)).toMatchObject({
      role: "end-user",
      scopes: ["documents:read"],
      revoked: false,
    });
    expect(rows.find((r) => r.id === adminOnly.id)?.revoked).toBe(true);
    expect((await call("GET", "/api-keys", { apiKey: adminOnly.key })).status).toBe(401);
  });

  it("are refused while their tenant is suspended", async () => {
    const k = await keyOf(admin, ["users:manage"]);
    await fx.admin`update tenants set status = 'suspended' where slug = 'review'`;
    try {
      const res = await call("GET", "/users", { apiKey: k.key });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe("API key's tenant is suspended");
    } finally {
      await fx.admin`update tenants set status = 'active' where slug = 'review'`;
    }
    expect((await call("GET", "/users", { apiKey: k.key })).status).toBe(200);
  });
});
