// The rate limit against the real Redis: headers on every response, 429 with Retry-After at the
// limit, and exactly the bucket's worth of 200 concurrent requests (from two app instances, as two
// replicas would) get through.
import { randomBytes } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { type AppEnv, createApp, type Tier } from "../app/index.ts";
import { rateLimit } from "./rate-limit.ts";

let redis: Redis;
let redis2: Redis;
const run = randomBytes(4).toString("hex");

beforeAll(async () => {
  const env = await loadLocalEnv();
  redis = new Redis(env.redis.url, { maxRetriesPerRequest: 1 });
  redis2 = new Redis(env.redis.url, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  const keys = await redis.keys(`t:rl-${run}-*`);
  if (keys.length) await redis.del(...keys);
  redis?.disconnect();
  redis2?.disconnect();
});

function appFor(client: Redis, slug: string, tier: Tier, perHour?: number) {
  const asTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set("tenant", { id: "00000000-0000-4000-8000-000000000001", slug, tier });
    await next();
  };
  return createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: client,
    middleware: [asTenant, rateLimit({ redis: client, limitFor: () => perHour })],
    routes: [(app) => app.get("/api/v2/ping", (c) => c.json({ data: "pong" }))],
  });
}

describe("rateLimit", () => {
  it("answers 429 at the limit with correct headers, in the error envelope", async () => {
    const slug = `rl-${run}-a`;
    const app = appFor(redis, slug, "starter", 10); // 10/hour, bursts to 20
    const before = Math.floor(Date.now() / 1000);
    for (let i = 1; i <= 20; i++) {
      const res = await app.request("/api/v2/ping", { headers: { "X-Request-Id": "r1" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("X-RateLimit-Limit")).toBe("20");
      expect(res.headers.get("X-RateLimit-Remaining")).toBe(String(20 - i));
      const reset = Number(res.headers.get("X-RateLimit-Reset"));
      // Full again after the used tokens refill at 10 per hour (360 s each).
      expect(reset).toBeGreaterThanOrEqual(before + i * 360 - 1);
      expect(reset).toBeLessThanOrEqual(before + i * 360 + 2);
    }
    const res = await app.request("/api/v2/ping", { headers: { "X-Request-Id": "r1" } });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^3(5\d|60)$/);
    expect(res.headers.get("X-RateLimit-Limit")).toBe("20");
    expect(res.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(Number(res.headers.get("X-RateLimit-Reset"))).toBeGreaterThan(before + 7000);
    const body = (await res.json()) as { error: unknown; meta: { request_id: string } };
    expect(body.error).toEqual({
      code: "RATE_LIMITED",
      message: `rate limit of 10 requests per hour (bursts to 20) exceeded; retry in ${res.headers.get("Retry-After")} s`,
      details: [],
    });
    expect(body.meta.request_id).toBe("r1");
    expect(await redis.exists(`t:${slug}:ratelimit:requests`)).toBe(1);
  });

  it("lets exactly the bucket's worth of 200 concurrent requests through", async () => {
    const slug = `rl-${run}-b`;
    const apps = [appFor(redis, slug, "starter", 37), appFor(redis2, slug, "starter", 37)]; // bursts to 74
    const results = await Promise.all(
      Array.from(
        { length: 200 },
        async (_, i) => (await (apps[i % 2] ?? apps[0])?.request("/api/v2/ping"))?.status,
      ),
    );
    expect(results.filter((s) => s === 200).length).toBe(74);
    expect(results.filter((s) => s === 429).length).toBe(126);
  });

  it("uses the tier's limit and keeps tenants apart", async () => {
    const pro = appFor(redis, `rl-${run}-pro`, "professional");
    const ent = appFor(redis, `rl-${run}-ent`, "enterprise");
    const starter = appFor(redis, `rl-${run}-starter`, "starter");
    expect((await pro.request("/api/v2/ping")).headers.get("X-RateLimit-Limit")).toBe("20000");
    expect((await ent.request("/api/v2/ping")).headers.get("X-RateLimit-Remaining")).toBe("199999");
    const s = await starter.request("/api/v2/ping");
    expect([s.headers.get("X-RateLimit-Limit"), s.headers.get("X-RateLimit-Remaining")]).toEqual([
      "2000",
      "1999",
    ]);
  });

  it("puts headers on error responses too, and fails open when Redis is down", async () => {
    const app = appFor(redis, `rl-${run}-c`, "starter");
    const res = await app.request("/api/v2/unknown");
    expect(res.status).toBe(404);
    expect(res.headers.get("X-RateLimit-Remaining")).toBe("1999");
    const broken = new Redis({
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    broken.on("error", () => {});
    const down = appFor(broken, `rl-${run}-d`, "starter");
    const ok = await down.request("/api/v2/ping");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("X-RateLimit-Limit")).toBeNull();
    broken.disconnect();
  });
});
