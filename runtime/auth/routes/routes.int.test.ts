// The /api/v2/auth routes through app.request() against a fresh PostgreSQL: sign-in, lockout,
// tokens (expired, forged, of another kind), refresh rotation and reuse, logout, MFA setup,
// verify and replay, per-tenant MFA requirement, no cross-tenant sign-in, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../../app/index.ts";
import { testApp } from "../../app/testing.ts";
import { createAccessTokenService, generateAccessTokenKey } from "../access-token.ts";
import { createPasswordHasher } from "../password.ts";
import { createSecretBox } from "../secret-box.ts";
import { type AuthFixture, authFixture, testAccessTokens } from "../stores/testing.ts";
import { totpCode } from "../totp.ts";
import { authenticateRequests, registerAuthRoutes } from "./index.ts";

const PASSWORD = "correct horse battery staple";
let fx: AuthFixture;
let app: ReturnType<typeof createApp>;
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const passwords = createPasswordHasher({ params: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
let accessTokens: Awaited<ReturnType<typeof createAccessTokenService>>;

interface Body {
  data: Record<string, unknown> & {
    access_token: string;
    refresh_token: string;
    mfa_token: string;
    secret: string;
  };
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

async function call(method: string, path: string, opts: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await app.request(`/api/v2/auth${path}`, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}
const login = (email: string, tenant: string, password = PASSWORD) =>
  call("POST", "/login", { body: { email, password, tenant } });

async function auditActions(slug: string): Promise<string[]> {
  const rows = await fx.admin<{ action: string }[]>`
    select action from audit_logs where tenant_id = ${fx.tenantId(slug)} order by seq`;
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  fx = await authFixture(["acme", "globex", "strict"]);
  accessTokens = await testAccessTokens();
  const hash = await passwords.hash(PASSWORD);
  for (const email of ["alice@acme.test", "locked@acme.test", "mfa@acme.test", "rot@acme.test"]) {
    await fx.addUser("acme", { email, passwordHash: hash, role: "tenant-admin" });
  }
  await fx.addUser("acme", { email: "gone@acme.test", passwordHash: hash, status: "disabled" });
  // The same email in another tenant, with another password.
  await fx.addUser("globex", {
    email: "alice@acme.test",
    passwordHash: await passwords.hash("globex password 42!"),
  });
  await fx.addUser("strict", { email: "new@strict.test", passwordHash: hash });
  await fx.admin`update tenants set mfa_required = true where slug = 'strict'`;
  const deps = {
    databases: fx.dbs,
    registry: fx.registry,
    accessTokens,
    passwords,
    secretBox: createSecretBox([{ id: "k1", key: Buffer.alloc(32, 7).toString("base64") }]),
  };
  app = testApp({
    clock,
    middleware: [authenticateRequests(deps, { clock })],
    routes: [registerAuthRoutes(deps)],
  });
});
afterAll(async () => {
  await fx?.close();
});

describe("the auth routes", () => {
  it("are in the OpenAPI document", async () => {
    const res = await app.request("/api/v2/openapi.json");
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith("/api/v2/auth"))
        .sort(),
    ).toEqual([
      "/api/v2/auth/login",
      "/api/v2/auth/logout",
      "/api/v2/auth/me",
      "/api/v2/auth/mfa/confirm",
      "/api/v2/auth/mfa/setup",
      "/api/v2/auth/mfa/verify",
      "/api/v2/auth/refresh",
    ]);
  });

  it("sign in, then /auth/me shows the user of that tenant; the event is audited", async () => {
    const res = await login("Alice@Acme.test", "acme");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ token_type: "Bearer", expires_in: 900 });
    expect(res.body.data.refresh_token).toMatch(/^wspec_rt_/);
    const me = await call("GET", "/me", { token: res.body.data.access_token });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      email: "alice@acme.test",
      role: "tenant-admin",
      mfa_enabled: false,
      tenant: { id: fx.tenantId("acme"), slug: "acme", tier: "starter" },
      scopes: ["*"],
    });
    expect(await auditActions("acme")).toContain("auth.login");
  });

  it("refuses a wrong password, an unknown email and an unknown tenant with one message", async () => {
    for (const [email, tenant, password] of [
      ["alice@acme.test", "acme", "wrong password!!"],
      ["nobody@acme.test", "acme", PASSWORD],
      ["alice@acme.test", "no-such-tenant", PASSWORD],
    ] as const) {
      const res = await login(email, tenant, password);
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({
        code: "UNAUTHORIZED",
        message: "email, password or tenant is not valid",
        details: [],
      });
    }
    const actions = await auditActions("acme");
    expect(actions.filter((a) => a === "auth.login.failed").length).toBeGreaterThanOrEqual(2);
  });

  it("validates the body, naming each field", async () => {
    const res = await call("POST", "/login", { body: { email: "x", tenant: "ACME", extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details.map((d) => d.field).sort()).toEqual([
      "email",
      "extra",
      "password",
      "tenant",
    ]);
  });

  it("never signs a user into another tenant", async () => {
    // acme's password for globex's alice: refused; globex's password works only in globex.
    expect((await login("alice@acme.test", "globex")).status).toBe(401);
    const g = await login("alice@acme.test", "globex", "globex password 42!");
    expect(g.status).toBe(200);
    const me = await call("GET", "/me", { token: g.body.data.access_token });
    expect(me.body.data).toMatchObject({ tenant: { slug: "globex" } });
    // globex's refresh token presented as acme's: not found under acme's RLS.
    const r = await call("POST", "/refresh", {
      body: { tenant: "acme", refresh_token: g.body.data.refresh_token },
    });
    expect(r.status).toBe(401);
    expect(r.body.error.message).toBe("refresh token is not valid");
  });

  it("refuses a disabled account after a correct password", async () => {
    const res = await login("gone@acme.test", "acme");
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("account is disabled");
  });

  it("locks the account after 5 failures, even for the right password, answering as for a wrong one", async () => {
    for (let i = 0; i < 5; i++)
      expect((await login("locked@acme.test", "acme", `bad password ${i}`)).status).toBe(401);
    const res = await login("locked@acme.test", "acme");
    // The same answer as an unknown account (review, issue 16): a 429 told which accounts exist.
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({
      code: "UNAUTHORIZED",
      message: "email, password or tenant is not valid",
      details: [],
    });
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await auditActions("acme")).toContain("auth.login.locked");
    // After the lock ends, the right password works and clears the failures.
    offsetMs = 901_000;
    try {
      expect((await login("locked@acme.test", "acme")).status).toBe(200);
    } finally {
      offsetMs = 0;
    }
  });

  it("counts every one of many concurrent wrong guesses: 5 failures, the rest refused as locked", async () => {
    await fx.addUser("acme", { email: "burst@acme.test", passwordHash: await passwords.hash(PASSWORD) });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login("burst@acme.test", "acme", `guess number ${i}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(401));
    const rows = await fx.admin<{ action: string }[]>`
      select action from audit_logs
      where tenant_id = ${fx.tenantId("acme")} and metadata->>'email' = 'burst@acme.test'`;
    const actions = rows.map((r) => r.action).sort();
    expect(actions).toEqual([...Array(5).fill("auth.login.failed"), ...Array(5).fill("auth.login.locked")]);
  });

  it("refuses expired, forged and other-kind tokens on /auth/me", async () => {
    const subject = {
      sub: crypto.randomUUID(),
      tenant: fx.tenantId("acme"),
      role: "end-user" as const,
      scopes: ["*"],
    };
    const expired = await accessTokens.issue(subject, new Date(Date.now() - 3600_000));
    const cases: [string, string][] = [[expired.token, "access token expired"]];
    const good = await accessTokens.issue(subject);
    const [h, p, s] = good.token.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p ?? "", "base64url").toString()), role: "global-admin" }),
    ).toString("base64url");
    cases.push([`${h}.${forgedPayload}.${s}`, "access token signature is invalid"]);
    const otherKey = await generateAccessTokenKey("k1");
    const other = await createAccessTokenService({
      issuer: "wspec-test",
      audience: "wspec-api",
      signingKey: { kid: otherKey.kid, privateKeyPem: otherKey.privateKeyPem },
    });
    cases.push([(await other.issue(subject)).token, "access token signature is invalid"]);
    const challenge = await accessTokens.issueMfaChallenge({ sub: subject.sub, tenant: subject.tenant });
    cases.push([challenge.token, "token is not an access token (typ)"]);
    cases.push(["not-a-jwt", "access token is malformed"]);
    for (const [token, message] of cases) {
      const res = await call("GET", "/me", { token });
      expect([res.status, res.body.error.message]).toEqual([401, message]);
    }
    // A valid token of a tenant this runtime does not serve.
    const stranger = await accessTokens.issue({ ...subject, tenant: crypto.randomUUID() });
    expect((await call("GET", "/me", { token: stranger.token })).status).toBe(401);
    expect((await call("GET", "/me")).status).toBe(401);
  });

  it("rotates refresh tokens; reusing one revokes the session (401 for both)", async () => {
    const first = await login("rot@acme.test", "acme");
    const r1 = await call("POST", "/refresh", {
      body: { tenant: "acme", refresh_token: first.body.data.refresh_token },
    });
    expect(r1.status).toBe(200);
    expect(r1.body.data.refresh_token).not.toBe(first.body.data.refresh_token);
    expect((await call("GET", "/me", { token: r1.body.data.access_token })).status).toBe(200);

    const reuse = await call("POST", "/refresh", {
      body: { tenant: "acme", refresh_token: first.body.data.refresh_token },
    });
    expect([reuse.status, reuse.body.error.message]).toEqual([
      401,
      "refresh token was already used; the session is revoked",
    ]);
    const after = await call("POST", "/refresh", {
      body: { tenant: "acme", refresh_token: r1.body.data.refresh_token },
    });
    expect([after.status, after.body.error.message]).toEqual([
      401,
      "refresh token was revoked; sign in again",
    ]);
    expect(await auditActions("acme")).toContain("auth.refresh.reuse_detected");
    const malformed = await call("POST", "/refresh", {
      body: { tenant: "acme", refresh_token: "wspec_rt_short" },
    });
    expect([malformed.status, malformed.body.error.message]).toEqual([401, "refresh token is malformed"]);
  });

  it("logout ends the session; unknown tokens get the same answer", async () => {
    const s = await login("rot@acme.test", "acme");
    const out = await call("POST", "/logout", {
      body: { tenant: "acme", refresh_token: s.body.data.refresh_token },
    });
    expect(out.body.data).toEqual({ logged_out: true });
    const r = await call("POST", "/refresh", {
      body: { tenant: "acme", refresh_token: s.body.data.refresh_token },
    });
    expect([r.status, r.body.error.message]).toEqual([401, "refresh token was revoked; sign in again"]);
    const unknown = await call("POST", "/logout", {
      body: { tenant: "acme", refresh_token: "wspec_rt_nope" },
    });
    expect(unknown.status).toBe(200);
    expect(await auditActions("acme")).toContain("auth.logout");
  });
});

describe("MFA", () => {
  it("setup and confirm, then sign-in needs a code; codes and challenges work once", async () => {
    const s = await login("mfa@acme.test", "acme");
    const setup = await call("POST", "/mfa/setup", { token: s.body.data.access_token });
    expect(setup.status).toBe(200);
    expect(setup.body.data.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    const secret = setup.body.data.secret;
    const [stored] = await fx.admin<
      { mfa_secret: string }[]
    >`select mfa_secret from users where email = 'mfa@acme.test'`;
    expect(stored?.mfa_secret).toMatch(/^v1\./);
    expect(stored?.mfa_secret).not.toContain(secret);

    const wrong = await call("POST", "/mfa/confirm", {
      token: s.body.data.access_token,
      body: { code: "000000" },
    });
    expect([wrong.status, wrong.body.error.details]).toEqual([
      422,
      [{ field: "code", message: "code is not valid" }],
    ]);
    const code = await totpCode(secret, clock());
    const confirmed = await call("POST", "/mfa/confirm", { token: s.body.data.access_token, body: { code } });
    expect([confirmed.status, confirmed.body.data]).toEqual([200, { mfa_enabled: true }]);
    expect((await call("POST", "/mfa/setup", { token: s.body.data.access_token })).status).toBe(409);

    const challenged = await login("mfa@acme.test", "acme");
    expect(challenged.body.data).toMatchObject({ mfa_required: true });
    expect(challenged.body.data.access_token).toBeUndefined();
    const mfaToken = challenged.body.data.mfa_token;
    // The code that confirmed setup is spent.
    const replay = await call("POST", "/mfa/verify", { body: { mfa_token: mfaToken, code } });
    expect([replay.status, replay.body.error.message]).toEqual([
      401,
      "code was already used; wait for the next one",
    ]);

    offsetMs = 60_000;
    try {
      const next = await totpCode(secret, clock());
      const ok = await call("POST", "/mfa/verify", { body: { mfa_token: mfaToken, code: next } });
      expect(ok.status).toBe(200);
      const me = await call("GET", "/me", { token: ok.body.data.access_token });
      expect(me.body.data).toMatchObject({ mfa_enabled: true });
      // The same challenge cannot be used again, even with a fresh code.
      offsetMs = 120_000;
      const again = await call("POST", "/mfa/verify", {
        body: { mfa_token: mfaToken, code: await totpCode(secret, clock()) },
      });
      expect([again.status, again.body.error.message]).toEqual([
        401,
        "MFA challenge was already used; sign in again",
      ]);
      // An expired challenge.
      const late = await login("mfa@acme.test", "acme");
      offsetMs = 120_000 + 10 * 60_000;
      const expired = await call("POST", "/mfa/verify", {
        body: { mfa_token: late.body.data.mfa_token, code: await totpCode(secret, clock()) },
      });
      expect([expired.status, expired.body.error.message]).toEqual([401, "MFA challenge expired"]);
    } finally {
      offsetMs = 0;
    }
    const actions = await auditActions("acme");
    for (const a of ["auth.mfa.setup", "auth.mfa.enabled", "auth.login.mfa_required", "auth.mfa.failed"]) {
      expect(actions).toContain(a);
    }
  });

  it("a tenant that requires MFA gives an un-enrolled user only an enrollment session", async () => {
    const res = await login("new@strict.test", "strict");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ mfa_enrollment_required: true, token_type: "Bearer" });
    expect(res.body.data.refresh_token).toBeUndefined();
    const me = await call("GET", "/me", { token: res.body.data.access_token });
    expect(me.body.data).toMatchObject({ scopes: ["mfa:enroll"], permissions: [] });
    expect((await call("POST", "/mfa/setup", { token: res.body.data.access_token })).status).toBe(200);
  });
});
