import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { type AppDeps, createApp } from "./app.ts";
import type { AppEnv, Tier } from "./context.ts";
import { ok } from "./envelope.ts";
import { ApiError, INTERNAL_MESSAGE } from "./errors.ts";

const NOW = new Date("2026-01-02T03:04:05.000Z");
const META = { timestamp: NOW.toISOString(), version: "2.0.0", request_id: "req-1" };
const H = { "X-Request-Id": "req-1" };

function logs() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (l: string) => lines.push(JSON.parse(l)) });
  return { logger, lines };
}

const Item = z.strictObject({
  name: z.string().min(1),
  count: z.number().int(),
  tags: z.array(z.string()).optional(),
});
const createItem = createRoute({
  method: "post",
  path: "/api/v2/items",
  request: { body: { required: true, content: { "application/json": { schema: Item } } } },
  responses: { 201: { description: "created" } },
});
const findItems = createRoute({
  method: "get",
  path: "/api/v2/items/{group}",
  request: {
    params: z.object({ group: z.string() }),
    query: z.strictObject({ name: z.string().optional() }),
  },
  responses: { 200: { description: "found" } },
});

function testApp(over: Partial<AppDeps> & { tier?: Tier } = {}) {
  const { logger, lines } = logs();
  const asTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (over.tier)
      c.set("tenant", { id: "00000000-0000-4000-8000-000000000001", slug: "acme", tier: over.tier });
    await next();
  };
  const app = createApp({
    config: { apiVersion: "2.0.0" },
    logger,
    clock: () => NOW,
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
    middleware: [asTenant],
    routes: [
      (a) => {
        a.openapi(createItem, (c) => ok(c, c.req.valid("json"), 201));
        a.openapi(findItems, (c) => ok(c, { ...c.req.valid("param"), ...c.req.valid("query") }, 200));
        a.get("/api/v2/boom", () => {
          throw new Error("secret connection string postgres://u:p@h/db");
        });
        a.get("/api/v2/conflict", () => {
          throw new ApiError({
            code: "CONFLICT",
            message: "document d1 exists",
            details: [{ field: "name", message: "taken" }],
          });
        });
        a.get("/api/v2/hono-401", () => {
          throw new HTTPException(401, { message: "token expired" });
        });
        a.post("/api/v2/upload", async (c) => ok(c, { bytes: (await c.req.arrayBuffer()).byteLength }));
      },
    ],
    ...over,
  });
  return { app, lines };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...H, ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("envelopes", () => {
  it("wraps success in {data, meta}", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/items", json({ name: "a", count: 1 }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ data: { name: "a", count: 1 }, meta: META });
  });

  it("answers an unknown route with 404 in the error envelope", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/nope", { headers: H });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "NOT_FOUND", message: "no route for GET /api/v2/nope", details: [] },
      meta: META,
    });
  });

  it("hides an unexpected error behind a generic 500 and logs the real one", async () => {
    const { app, lines } = testApp();
    const res = await app.request("/api/v2/boom", { headers: H });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("postgres://");
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE, details: [] },
      meta: META,
    });
    const logged = lines.find((l) => l.msg === "unhandled error") as {
      err: { message: string };
      requestId: string;
    };
    expect(logged.err.message).toContain("postgres://u:p@h/db");
    expect(logged.requestId).toBe("req-1");
  });

  it("renders an ApiError with its code, status and details", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/conflict", { headers: H });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: {
        code: "CONFLICT",
        message: "document d1 exists",
        details: [{ field: "name", message: "taken" }],
      },
      meta: META,
    });
  });

  it("maps Hono's HTTPException by status", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/hono-401", { headers: H });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "UNAUTHORIZED", message: "token expired", details: [] },
      meta: META,
    });
  });
});

describe("mapError", () => {
  it("turns another module's error into an ApiError, keeping a 503's message and headers", async () => {
    class PoolBusy extends Error {}
    const { app, lines } = testApp({
      mapError: (e) =>
        e instanceof PoolBusy
          ? new ApiError({
              code: "SERVICE_UNAVAILABLE",
              message: "busy; retry",
              headers: { "Retry-After": "1" },
            })
          : undefined,
      routes: [
        (a) =>
          a.get("/api/v2/busy", () => {
            throw new PoolBusy("pool x");
          }),
      ],
    });
    const res = await app.request("/api/v2/busy", { headers: H });
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("1");
    expect(await res.json()).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: "busy; retry", details: [] },
      meta: META,
    });
    expect(lines.some((l) => l.level === 50)).toBe(true);
  });
});

describe("validation", () => {
  it("refuses malformed JSON naming the body", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/items", json("{not json"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "Malformed JSON in request body",
        details: [{ field: "body", message: "Malformed JSON in request body" }],
      },
      meta: META,
    });
  });

  it("names each field of the wrong type and each unknown field", async () => {
    const { app } = testApp();
    const res = await app.request(
      "/api/v2/items",
      json({ name: 5, count: "x", tags: [1], admin: true, role: "x" }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "VALIDATION_ERROR",
        message: "invalid json: name, count, tags.0, admin, role",
        details: [
          { field: "name", message: "Invalid input: expected string, received number" },
          { field: "count", message: "Invalid input: expected number, received string" },
          { field: "tags.0", message: "Invalid input: expected string, received number" },
          { field: "admin", message: "unknown field" },
          { field: "role", message: "unknown field" },
        ],
      },
      meta: META,
    });
  });

  it("names a missing field", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/items", json({ name: "a" }));
    expect(await res.json()).toEqual({
      error: {
        code: "VALIDATION_ERROR",
        message: "invalid json: count",
        details: [{ field: "count", message: "Invalid input: expected number, received undefined" }],
      },
      meta: META,
    });
  });
});

describe("text PostgreSQL cannot store", () => {
  it("refuses NUL in a body string, an array item or an object key, naming each field", async () => {
    const { app } = testApp();
    const res = await app.request(
      "/api/v2/items",
      json({ name: "a\u0000b", count: 1, tags: ["ok", "x\u0000"] }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "VALIDATION_ERROR",
        message: "invalid json: name, tags.1",
        details: [
          { field: "name", message: "must not contain NUL (U+0000)" },
          { field: "tags.1", message: "must not contain NUL (U+0000)" },
        ],
      },
      meta: META,
    });
  });

  it("refuses a lone surrogate sent as a \\u escape", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/items", json('{"name":"a\\ud800","count":1}'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: unknown[] } };
    expect(body.error.details).toEqual([
      { field: "name", message: "must be valid Unicode (a lone surrogate is not)" },
    ]);
  });

  it("refuses NUL in a query parameter and in a path parameter", async () => {
    const { app } = testApp();
    const query = await app.request("/api/v2/items/g?name=a%00b", { headers: H });
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { message: string } }).error.message).toBe(
      "invalid query: name",
    );
    const param = await app.request("/api/v2/items/g%00", { headers: H });
    expect(param.status).toBe(400);
    expect(((await param.json()) as { error: { message: string } }).error.message).toBe(
      "invalid param: group",
    );
  });

  it("never echoes NUL back: a field name that holds one is shown escaped", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/items", json({ name: "a", count: 1, "k\u0000": 1 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; details: unknown[] } };
    expect(body.error.details).toEqual([{ field: "k\\u0000", message: "unknown field" }]);
    expect(body.error.message).not.toContain("\u0000");
  });

  it("passes ordinary text, emoji included", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/items", json({ name: "Größe 😀", count: 1 }));
    expect(res.status).toBe(201);
  });
});

describe("request id", () => {
  it("echoes a sane incoming X-Request-Id", async () => {
    const { app } = testApp();
    const res = await app.request("/health", { headers: { "X-Request-Id": "abc-123_x=" } });
    expect(res.headers.get("X-Request-Id")).toBe("abc-123_x=");
    expect(((await res.json()) as { meta: { request_id: string } }).meta.request_id).toBe("abc-123_x=");
  });

  it("replaces an unsafe or oversized one with a generated uuid", async () => {
    const { app } = testApp();
    for (const bad of ["a b<script>", "x".repeat(256)]) {
      const res = await app.request("/health", { headers: { "X-Request-Id": bad } });
      expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const res = await app.request("/health");
    expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("secure headers", () => {
  it("sets them on every response, errors included", async () => {
    const { app } = testApp();
    for (const path of ["/health", "/api/v2/nope"]) {
      const res = await app.request(path);
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
      expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=15552000; includeSubDomains");
      expect(res.headers.get("X-Powered-By")).toBeNull();
    }
    expect((await app.request("/api/v2/nope")).headers.get("Cache-Control")).toBe("no-store");
  });
});

describe("body limit by tier", () => {
  const big = (n: number) => new Uint8Array(n);
  const post = (body: Uint8Array, chunked = false): RequestInit =>
    chunked
      ? ({
          method: "POST",
          headers: H,
          body: new ReadableStream({
            start(ctrl) {
              for (let i = 0; i < body.length; i += 1024 * 1024)
                ctrl.enqueue(body.subarray(i, i + 1024 * 1024));
              ctrl.close();
            },
          }),
          duplex: "half",
        } as RequestInit)
      : { method: "POST", headers: { ...H, "Content-Length": String(body.length) }, body };

  const TOO_LARGE = (bytes: number) => ({
    error: {
      code: "PAYLOAD_TOO_LARGE",
      message: `request body exceeds ${bytes} bytes`,
      details: [{ field: "body", message: `at most ${bytes} bytes allowed for this tenant's tier` }],
    },
    meta: META,
  });

  it("allows 10 MB and refuses 10 MB + 1 for a standard tier, declared or chunked", async () => {
    const { app } = testApp({ tier: "professional" });
    const limit = 10 * 1024 * 1024;
    expect((await app.request("/api/v2/upload", post(big(limit)))).status).toBe(200);
    for (const chunked of [false, true]) {
      const res = await app.request("/api/v2/upload", post(big(limit + 1), chunked));
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual(TOO_LARGE(limit));
    }
  });

  it("allows 100 MB for enterprise", async () => {
    const { app } = testApp({ tier: "enterprise" });
    const limit = 100 * 1024 * 1024;
    const res = await app.request("/api/v2/upload", {
      method: "POST",
      headers: { ...H, "Content-Length": String(limit + 1) },
      body: big(1),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(TOO_LARGE(limit));
    const okRes = await app.request("/api/v2/upload", post(big(20 * 1024 * 1024)));
    expect(await okRes.json()).toEqual({ data: { bytes: 20 * 1024 * 1024 }, meta: META });
  });
});

describe("OpenAPI", () => {
  it("serves a 3.1 document generated from the validating schemas", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { version: string };
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.version).toBe("2.0.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/health", "/health/live", "/health/ready", "/health/deep", "/api/v2/items"]),
    );
    expect(doc.paths["/api/v2/items"]?.post?.requestBody?.content["application/json"]?.schema).toEqual({
      type: "object",
      properties: {
        // The validation hook's refusal of NUL, declared on every otherwise unbounded string.
        name: { type: "string", minLength: 1, pattern: "^[^\\u0000]*$" },
        count: { type: "integer" },
        tags: { type: "array", items: { type: "string", pattern: "^[^\\u0000]*$" } },
      },
      required: ["name", "count"],
      additionalProperties: false,
    });
  });

  it("declares the health routes public and every status the shared chain can answer", async () => {
    const { app } = testApp();
    type Op = { security?: unknown[]; responses: Record<string, { description: string }> };
    const doc = (await (await app.request("/api/v2/openapi.json")).json()) as {
      security: unknown[];
      paths: Record<string, Record<string, Op>>;
    };
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const path of ["/health", "/health/live", "/health/ready", "/health/deep"]) {
      expect(doc.paths[path]?.get?.security, path).toEqual([]);
    }
    expect(Object.keys(doc.paths["/health"]?.get?.responses ?? {})).toEqual(["200"]);
    // A secured JSON route: validation, authentication, body limit, media type, rate limit, pool.
    const post = doc.paths["/api/v2/items"]?.post;
    expect(Object.keys(post?.responses ?? {}).sort()).toEqual([
      "201",
      "400",
      "401",
      "413",
      "415",
      "429",
      "503",
    ]);
    expect(post?.responses["429"]?.description).toContain("Retry-After");
    // Parameters but no body: no 413/415.
    const get = doc.paths["/api/v2/items/{group}"]?.get;
    expect(Object.keys(get?.responses ?? {}).sort()).toEqual(["200", "400", "401", "429", "503"]);
  });

  it("serves the Scalar reference page with its bundle from this origin, no CDN", async () => {
    const { app } = testApp();
    const res = await app.request("/api/v2/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain("<title>wspec API 2.0.0</title>");
    expect(html).toContain(`<script src="/api/v2/docs/scalar.js" nonce="${nonce}"></script>`);
    expect(html).toContain("Scalar.createApiReference('#app'");
    expect(html).toContain('"url": "/api/v2/openapi.json"');
    expect(html).not.toMatch(/https?:\/\/(cdn|fonts)\./);

    const js = await app.request("/api/v2/docs/scalar.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("Content-Type")).toContain("application/javascript");
    expect((await js.text()).length).toBeGreaterThan(100_000);
  });
});

describe("health", () => {
  it("/health reports version and uptime", async () => {
    const { app } = testApp();
    const res = await app.request("/health", { headers: H });
    expect(await res.json()).toEqual({
      data: { status: "ok", version: "2.0.0", uptime_seconds: 0 },
      meta: META,
    });
  });

  it("/health/live answers without touching dependencies", async () => {
    const { app } = testApp({ db: { ping: () => Promise.reject(new Error("down")) } });
    const res = await app.request("/health/live", { headers: H });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { status: "ok", components: {} }, meta: META });
  });

  it("/health/ready is 503 when the database is down, naming it", async () => {
    const { app, lines } = testApp({
      db: { ping: () => Promise.reject(new Error("ECONNREFUSED 10.0.0.1")) },
    });
    const res = await app.request("/health/ready", { headers: H });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      data: {
        status: "degraded",
        components: {
          database: { status: "down", latency_ms: expect.any(Number), error: "check failed" },
          redis: { status: "up", latency_ms: expect.any(Number) },
        },
      },
      meta: META,
    });
    expect(lines.some((l) => l.component === "database" && l.msg === "health check failed")).toBe(true);
  });

  it("/health/deep checks storage too, with latency and timeouts", async () => {
    const { app } = testApp({ storageCheck: () => new Promise(() => {}) });
    const res = await app.request("/health/deep", { headers: H });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { data: { status: string; components: Record<string, unknown> } };
    expect(body.data.status).toBe("degraded");
    expect(body.data.components.storage).toEqual({
      status: "down",
      latency_ms: expect.any(Number),
      error: "timeout after 2000 ms",
    });
    expect(body.data.components.database).toEqual({ status: "up", latency_ms: expect.any(Number) });
  });

  it("/health/deep is 200 when all are up", async () => {
    const { app } = testApp({ storageCheck: async () => {} });
    const res = await app.request("/health/deep", { headers: H });
    expect(res.status).toBe(200);
    expect(Object.keys(((await res.json()) as { data: { components: object } }).data.components)).toEqual([
      "database",
      "redis",
      "storage",
    ]);
  });
});
