// The buckets in front of unauthenticated work, against the real Redis. Security review, issue
// 16: nothing limited sign-in attempts or made-up API keys per source or overall, so a flood
// reached argon2 and the databases unchecked.
import { randomBytes } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { type AppEnv, createApp } from "../app/index.ts";
import { limitUnauthenticated, type UnauthenticatedLimitOptions } from "./unauthenticated.ts";

let redis: Redis;
const run = randomBytes(4).toString("hex");
const VALID_KEY = `wspec_acme_${"a".repeat(12)}_${"k".repeat(43)}`;

beforeAll(async () => {
  redis = new Redis((await loadLocalEnv()).redis.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`wspec:test-${run}:*`);
  if (keys.length) await redis.del(...keys);
  redis?.disconnect();
});

/** An app whose "authentication" accepts VALID_KEY only and counts every key it checks. */
function appWith(name: string, opts: Partial<UnauthenticatedLimitOptions>) {
  const checked = { keys: 0, logins: 0 };
  const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = c.req.header("x-api-key");
    if (key !== undefined) {
      checked.keys++;
      if (key !== VALID_KEY) return c.json({ error: { code: "UNAUTHORIZED" } }, 401);
    }
    await next();
  };
  const app = createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
    middleware: [
      limitUnauthenticated({
        redis,
        keyPrefix: `wspec:test-${run}:${name}:`,
        clientIp: (c) => c.req.header("x-test-ip"),
        ...opts,
      }),
      authenticate,
    ],
    routes: [
      (a) => {
        a.post("/api/v2/auth/login", (c) => {
          checked.logins++;
          return c.json({ data: "signed in" });
        });
        a.get("/api/v2/things", (c) => c.json({ data: [] }));
      },
    ],
  });
  return { app, checked };
}

describe("limitUnauthenticated", () => {
  it("answers 429 with Retry-After once one address spends its sign-in bucket; others go on", async () => {
    const { app, checked } = appWith("ip", { authPerIp: { perHour: 60, burst: 3 } });
    const login = (ip: string) =>
      app.request("/api/v2/auth/login", { method: "POST", headers: { "x-test-ip": ip } });
    for (let i = 0; i < 3; i++) expect((await login("10.0.0.1")).status).toBe(200);
    const refused = await login("10.0.0.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("60");
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: "RATE_LIMITED",
      message: "too many sign-in requests; retry in 60 s",
    });
    expect(checked.logins).toBe(3);
    expect((await login("10.0.0.2")).status).toBe(200);
  });

  it("bounds everyone together with the global bucket", async () => {
    const { app, checked } = appWith("global", { authGlobal: { perHour: 3600, burst: 5 } });
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.request("/api/v2/auth/login", {
        method: "POST",
        headers: { "x-test-ip": `10.1.0.${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(checked.logins).toBe(5);
  });

  it("charges refused API keys only, and then refuses an address before its keys are looked up", async () => {
    const { app, checked } = appWith("keys", { keyFailuresPerIp: { perHour: 60, burst: 3 } });
    const get = (key: string, ip = "10.2.0.1") =>
      app.request("/api/v2/things", { headers: { "x-api-key": key, "x-test-ip": ip } });
    for (let i = 0; i < 10; i++) expect((await get(VALID_KEY)).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await get(`wspec_${"b".repeat(12)}_${"x".repeat(43)}`)).status).toBe(401);
    expect(checked.keys).toBe(13);
    const refused = await get(`wspec_${"c".repeat(12)}_${"x".repeat(43)}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("60");
    expect(checked.keys).toBe(13); // refused before the lookup
    expect((await get(VALID_KEY, "10.2.0.2")).status).toBe(200);
  });

  it("leaves requests without credentials outside /auth, and the session routes under it, alone", async () => {
    const { app } = appWith("none", { authPerIp: { perHour: 1, burst: 1 } });
    for (let i = 0; i < 5; i++) {
      expect((await app.request("/api/v2/things")).status).toBe(200);
      expect((await app.request("/api/v2/auth/me")).status).toBe(404); // not limited: not mounted here
    }
  });

  it("fails at construction without Redis or with a bad limit", () => {
    expect(() => limitUnauthenticated({ redis: undefined as unknown as Redis })).toThrow(
      "limitUnauthenticated: redis is required",
    );
    expect(() => limitUnauthenticated({ redis, authPerIp: { perHour: 0, burst: 1 } })).toThrow(
      'limitUnauthenticated: authPerIp needs perHour > 0 and burst >= 1, got {"perHour":0,"burst":1}',
    );
  });
});
