import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AccessTokenService,
  createAccessTokenService,
  generateAccessTokenKey,
} from "../access-token.ts";
import { ApiKeyService, InMemoryApiKeyStore } from "../api-key.ts";
import { requirePermission } from "../require-permission/index.ts";
import { type AuthenticateOptions, authenticate } from "./index.ts";

let accessTokens: AccessTokenService;
let apiKeys: ApiKeyService;
let userToken: string;
let apiKey: string;

beforeAll(async () => {
  const key = await generateAccessTokenKey("k1");
  accessTokens = await createAccessTokenService({
    issuer: "wspec",
    audience: "wspec-runtime",
    signingKey: { kid: "k1", privateKeyPem: key.privateKeyPem },
  });
  userToken = (await accessTokens.issue({ sub: "u1", tenant: "t1", role: "end-user", scopes: ["*"] })).token;
  apiKeys = new ApiKeyService(new InMemoryApiKeyStore());
  const created = await apiKeys.create({
    tenantId: "t1",
    tenantSlug: "acme",
    name: "ci",
    scopes: ["documents:read"],
    creator: { id: "admin", role: "tenant-admin" },
  });
  apiKey = created.val?.key ?? "";
});

function appWith(opts: Partial<AuthenticateOptions> = {}) {
  const app = new Hono();
  app.use("*", authenticate({ accessTokens, apiKeys, ...opts }));
  app.get("/me", (c) => c.json(c.get("principal") ?? null));
  app.delete("/doc", requirePermission("documents:delete"), (c) => c.json({ ok: true }));
  app.onError((err, c) =>
    err instanceof HTTPException
      ? c.json({ message: err.message }, err.status)
      : c.json({ message: "internal" }, 500),
  );
  return app;
}

const get = (app: Hono, headers: Record<string, string> = {}) => app.request("/me", { headers });

describe("authenticate", () => {
  it("a valid access token sets a user principal", async () => {
    const res = await get(appWith(), { authorization: `Bearer ${userToken}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      kind: "user",
      id: "u1",
      tenantId: "t1",
      role: "end-user",
      scopes: ["*"],
    });
  });

  it("an API key sets an apiKey principal, by X-API-Key or Bearer", async () => {
    const variants: Record<string, string>[] = [
      { "x-api-key": apiKey },
      { authorization: `Bearer ${apiKey}` },
    ];
    for (const headers of variants) {
      const res = await get(appWith(), headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        kind: "apiKey",
        tenantId: "t1",
        role: "tenant-admin",
        scopes: ["documents:read"],
      });
    }
  });

  it("an API key's scopes then restrict routes", async () => {
    const res = await appWith().request("/doc", { method: "DELETE", headers: { "x-api-key": apiKey } });
    expect(res.status).toBe(403);
  });

  it.each([
    [{}, "authentication required: send a Bearer access token or an X-API-Key header"],
    [{ authorization: "Basic dTpw" }, 'Authorization header must be "Bearer <token>"'],
    [{ authorization: "Bearer not.a.jwt" }, "access token is malformed"],
    [{ "x-api-key": "wspec_nope" }, "API key is malformed"],
    [
      { authorization: "Bearer x", "x-api-key": "y" },
      "send either an Authorization header or an X-API-Key header, not both",
    ],
  ])("401 for %j", async (headers, message) => {
    const res = await get(appWith(), headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message });
  });

  it("401 naming expiry for an expired token", async () => {
    const { token } = await accessTokens.issue(
      { sub: "u1", tenant: "t1", role: "end-user", scopes: ["*"] },
      new Date(Date.now() - 3600_000),
    );
    const res = await get(appWith(), { authorization: `Bearer ${token}` });
    expect(await res.json()).toEqual({ message: "access token expired" });
  });

  it("API keys can be refused", async () => {
    const res = await get(appWith({ apiKeys: undefined }), { "x-api-key": apiKey });
    expect(await res.json()).toEqual({ message: "API keys are not accepted here" });
  });

  describe("optional", () => {
    it("lets anonymous requests through without a principal, but still rejects bad credentials", async () => {
      expect(await (await get(appWith({ optional: true }))).json()).toBeNull();
      expect((await get(appWith({ optional: true }), { authorization: "Bearer bad" })).status).toBe(401);
    });
  });

  describe("onAuthenticated", () => {
    it("can refuse (suspended tenant) and sees the principal", async () => {
      const seen: string[] = [];
      const app = appWith({
        onAuthenticated: (_c, p) => {
          seen.push(p.tenantId);
          return false;
        },
      });
      const res = await get(app, { authorization: `Bearer ${userToken}` });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: "credential is no longer valid for this tenant" });
      expect(seen).toEqual(["t1"]);
    });
  });

  it("fails at construction without an access token service", () => {
    expect(() => authenticate({} as AuthenticateOptions)).toThrow(
      "authenticate: accessTokens (an AccessTokenService) is required",
    );
  });
});
