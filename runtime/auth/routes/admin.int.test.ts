// /api/v2/users and /api/v2/api-keys against a fresh PostgreSQL: permission guards, creation,
// cursor pagination, role change, disable (sessions end), keys shown once, used and revoked, and
// nothing of another tenant reachable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../../app/index.ts";
import { testApp } from "../../app/testing.ts";
import type { createAccessTokenService } from "../access-token.ts";
import { ApiKeyService } from "../api-key.ts";
import { createPasswordHasher } from "../password.ts";
import type { Role } from "../rbac.ts";
import { createSecretBox } from "../secret-box.ts";
import { TenantsApiKeyStore } from "../stores/index.ts";
import { type AuthFixture, authFixture, testAccessTokens } from "../stores/testing.ts";
import { registerApiKeyRoutes } from "./api-keys/index.ts";
import { authenticateRequests, registerAuthRoutes } from "./index.ts";
import { registerUserRoutes } from "./users/index.ts";

const PASSWORD = "correct horse battery staple";
let fx: AuthFixture;
let app: ReturnType<typeof createApp>;
const passwords = createPasswordHasher({ params: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
let accessTokens: Awaited<ReturnType<typeof createAccessTokenService>>;
let admin: string;
let adminId: string;
let endUser: string;
let otherAdmin: string;
let otherUserId: string;

interface Body {
  data: Record<string, unknown> & {
    items: Record<string, unknown>[];
    next_cursor: string | null;
    key: string;
    id: string;
  };
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
  return { status: res.status, body: (await res.json()) as Body };
}

async function tokenFor(slug: string, userId: string, role: Role) {
  return (await accessTokens.issue({ sub: userId, tenant: fx.tenantId(slug), role, scopes: ["*"] })).token;
}

beforeAll(async () => {
  fx = await authFixture(["north", "south"]);
  accessTokens = await testAccessTokens();
  const hash = await passwords.hash(PASSWORD);
  adminId = await fx.addUser("north", {
    email: "admin@north.test",
    passwordHash: hash,
    role: "tenant-admin",
  });
  admin = await tokenFor("north", adminId, "tenant-admin");
  const euId = await fx.addUser("north", { email: "eu@north.test", passwordHash: hash });
  endUser = await tokenFor("north", euId, "end-user");
  const southAdmin = await fx.addUser("south", {
    email: "admin@south.test",
    passwordHash: hash,
    role: "tenant-admin",
  });
  otherAdmin = await tokenFor("south", southAdmin, "tenant-admin");
  otherUserId = await fx.addUser("south", { email: "victim@south.test", passwordHash: hash });
  const deps = {
    databases: fx.dbs,
    registry: fx.registry,
    accessTokens,
    passwords,
    secretBox: createSecretBox([{ id: "k1", key: Buffer.alloc(32, 7).toString("base64") }]),
  };
  const apiKeys = new ApiKeyService(
    new TenantsApiKeyStore(fx.dbs, () => fx.registry.list().map((l) => l.tenantId)),
  );
  app = testApp({
    middleware: [authenticateRequests(deps, { apiKeys })],
    routes: [registerAuthRoutes(deps), registerUserRoutes(deps), registerApiKeyRoutes(deps)],
  });
});
afterAll(async () => {
  await fx?.close();
});

const ROUTES: [string, string, unknown?][] = [
  ["POST", "/users", { email: "x@north.test", password: PASSWORD }],
  ["GET", "/users"],
  ["PATCH", `/users/${crypto.randomUUID()}`, { role: "end-user" }],
  ["POST", `/users/${crypto.randomUUID()}/disable`],
  ["POST", "/api-keys", { name: "k", scopes: ["documents:read"] }],
  ["GET", "/api-keys"],
  ["DELETE", `/api-keys/${crypto.randomUUID()}`],
];

describe("guards", () => {
  it("401 without credentials, 403 for a role without the permission", async () => {
    for (const [method, path, body] of ROUTES) {
      expect([method, path, (await call(method, path, { body })).status]).toEqual([method, path, 401]);
      const denied = await call(method, path, { body, token: endUser });
      expect([method, path, denied.status, denied.body.error.code]).toEqual([method, path, 403, "FORBIDDEN"]);
    }
  });
});

describe("/api/v2/users", () => {
  it("creates users, refusing duplicates, weak passwords and global-admin grants", async () => {
    const created = await call("POST", "/users", {
      token: admin,
      body: { email: "New@North.test", password: PASSWORD, role: "document-manager", display_name: "New" },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      email: "new@north.test",
      role: "document-manager",
      status: "active",
    });
    expect(created.body.data).not.toHaveProperty("password_hash");
    const dup = await call("POST", "/users", {
      token: admin,
      body: { email: "new@north.test", password: PASSWORD },
    });
    expect([dup.status, dup.body.error.message]).toEqual([
      409,
      "email new@north.test is already a user of this tenant",
    ]);
    const weak = await call("POST", "/users", {
      token: admin,
      body: { email: "w@north.test", password: "short" },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0]).toEqual({
      field: "password",
      message: "password must be at least 12 characters (got 5)",
    });
    const god = await call("POST", "/users", {
      token: admin,
      body: { email: "g@north.test", password: PASSWORD, role: "global-admin" },
    });
    expect(god.status).toBe(403);
    // The new user can sign in.
    expect(
      (
        await call("POST", "/auth/login", {
          body: { email: "new@north.test", password: PASSWORD, tenant: "north" },
        })
      ).status,
    ).toBe(200);
  });

  it("lists with cursor pagination, only this tenant's users", async () => {
    for (let i = 0; i < 4; i++) {
      await call("POST", "/users", {
        token: admin,
        body: { email: `page${i}@north.test`, password: PASSWORD },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await call("GET", `/users?limit=2${q}`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.items.map((u) => String(u.email)));
      cursor = page.body.data.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((e) => e.endsWith("@north.test"))).toBe(true);
    expect(seen).toEqual(expect.arrayContaining(["admin@north.test", "eu@north.test", "page3@north.test"]));
    const bad = await call("GET", "/users?cursor=zzz", { token: admin });
    expect([bad.status, bad.body.error.details]).toEqual([
      422,
      [{ field: "cursor", message: "is not a cursor returned by this API" }],
    ]);
  });

  it("changes a role; another tenant's user is not found", async () => {
    const u = await call("POST", "/users", {
      token: admin,
      body: { email: "promote@north.test", password: PASSWORD },
    });
    const res = await call("PATCH", `/users/${u.body.data.id}`, {
      token: admin,
      body: { role: "compliance-officer" },
    });
    expect([res.status, res.body.data.role]).toEqual([200, "compliance-officer"]);
    const cross = await call("PATCH", `/users/${otherUserId}`, {
      token: admin,
      body: { role: "tenant-admin" },
    });
    expect([cross.status, cross.body.error.message]).toEqual([404, `user ${otherUserId} not found`]);
    expect((await call("POST", `/users/${otherUserId}/disable`, { token: admin })).status).toBe(404);
  });

  it("disables a user: sign-in refused and sessions revoked; not yourself", async () => {
    const u = await call("POST", "/users", {
      token: admin,
      body: { email: "leaver@north.test", password: PASSWORD },
    });
    const s = await call("POST", "/auth/login", {
      body: { email: "leaver@north.test", password: PASSWORD, tenant: "north" },
    });
    const res = await call("POST", `/users/${u.body.data.id}/disable`, { token: admin });
    expect([res.status, res.body.data.status]).toEqual([200, "disabled"]);
    const r = await call("POST", "/auth/refresh", {
      body: { tenant: "north", refresh_token: s.body.data.refresh_token },
    });
    expect([r.status, r.body.error.message]).toEqual([401, "refresh token was revoked; sign in again"]);
    const again = await call("POST", "/auth/login", {
      body: { email: "leaver@north.test", password: PASSWORD, tenant: "north" },
    });
    expect(again.status).toBe(403);
    expect((await call("POST", `/users/${adminId}/disable`, { token: admin })).status).toBe(409);
  });
});

describe("/api/v2/api-keys", () => {
  it("shows a key once, authenticates with it, lists without secrets, and revokes it", async () => {
    const created = await call("POST", "/api-keys", {
      token: admin,
      body: { name: "ci", scopes: ["apikeys:manage", "documents:read"] },
    });
    expect(created.status).toBe(201);
    const key = created.body.data.key;
    expect(key).toMatch(/^wspec_north_[0-9a-z]{12}_[0-9A-Za-z]{43}$/);
    const listed = await call("GET", "/api-keys", { apiKey: key });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(key.slice(19));
    expect(listed.body.data.items.map((k) => k.id)).toContain(created.body.data.id);
    // A key cannot mint keys (no user behind it), and scopes bound a key.
    expect(
      (await call("POST", "/api-keys", { apiKey: key, body: { name: "x", scopes: ["documents:read"] } }))
        .status,
    ).toBe(403);
    const tooMuch = await call("POST", "/api-keys", {
      token: admin,
      body: { name: "x", scopes: ["tenants:manage"] },
    });
    // A scope the API knows, beyond the caller's role: refused as a permission, not as input.
    expect([tooMuch.status, tooMuch.body.error.details]).toEqual([
      403,
      [{ field: "scopes", message: 'scope "tenants:manage" exceeds role "tenant-admin"' }],
    ]);
    // Another tenant cannot revoke it; its own admin can; then it stops working.
    expect((await call("DELETE", `/api-keys/${created.body.data.id}`, { token: otherAdmin })).status).toBe(
      404,
    );
    expect((await call("DELETE", `/api-keys/${created.body.data.id}`, { token: admin })).status).toBe(200);
    const after = await call("GET", "/api-keys", { apiKey: key });
    expect([after.status, after.body.error.message]).toEqual([401, "API key was revoked"]);
    const [row] = await fx.admin<{ action: string }[]>`
      select action from audit_logs where resource_id = ${created.body.data.id} order by seq`;
    expect(row?.action).toBe("apikey.create");
  });
});
