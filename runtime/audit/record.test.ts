import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../app/index.ts";
import { entryFromContext } from "./record.ts";

describe("entryFromContext", () => {
  it("takes actor, user agent and request id from the request", async () => {
    const app = new Hono<AppEnv>();
    app.use(requestId());
    app.use(async (c, next) => {
      c.set("principal", { kind: "apiKey", id: "k1", tenantId: "t", role: "end-user", scopes: [] });
      await next();
    });
    app.get("/", (c) =>
      c.json(entryFromContext(c, { action: "document.read", resourceType: "document", resourceId: "d1" })),
    );
    const res = await app.request("/", { headers: { "User-Agent": "curl/8", "X-Request-Id": "r-1" } });
    expect(await res.json()).toEqual({
      actorType: "api_key",
      actorId: "k1",
      ip: null,
      userAgent: "curl/8",
      requestId: "r-1",
      action: "document.read",
      resourceType: "document",
      resourceId: "d1",
    });
  });

  it("records an anonymous actor when nobody is authenticated", async () => {
    const app = new Hono<AppEnv>();
    app.get("/", (c) => c.json(entryFromContext(c, { action: "auth.login_failed", resourceType: "user" })));
    expect(await (await app.request("/")).json()).toMatchObject({ actorType: "anonymous", actorId: null });
  });
});
