// The labels stay bounded: ids in paths, unknown paths and tenants never multiply series; auth
// refusals of the real authenticate middleware get their reason; the metrics port serves /metrics
// only; queue gauges are read at scrape time.

import pino from "pino";
import type { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { API_PREFIX } from "../app/app.ts";
import type { TenantContext } from "../app/context.ts";
import { testApp } from "../app/testing.ts";
import { createAccessTokenService, generateAccessTokenKey } from "../auth/access-token.ts";
import { authenticate } from "../auth/authenticate/index.ts";
import { LocalStorageDriver } from "../storage/index.ts";
import {
  createRuntimeMetrics,
  httpMetrics,
  instrumentStorage,
  meteredFetch,
  observePools,
  observeQueues,
  startMetricsServer,
  startUsageCounters,
  UNMATCHED_ROUTE,
} from "./index.ts";

async function values(registry: Registry, name: string) {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []) as { labels: Record<string, string | number>; value: number }[];
}

function appWith(tenantFor?: (id: string) => TenantContext) {
  const metrics = createRuntimeMetrics("api");
  const app = testApp({
    observe: httpMetrics(metrics),
    middleware: [
      async (c, next) => {
        const id = c.req.header("x-tenant");
        if (id && tenantFor) c.set("tenant", tenantFor(id));
        await next();
      },
    ],
    routes: [
      (a) => {
        a.get(`${API_PREFIX}/documents/:id`, (c) => c.json({ id: c.req.param("id") }));
        a.get(`${API_PREFIX}/fails`, () => {
          throw new Error("boom");
        });
      },
    ],
  });
  return { app, metrics };
}

describe("request metrics", () => {
  it("gives a thousand distinct document ids one series, labelled with the route template", async () => {
    const { app, metrics } = appWith();
    for (let i = 0; i < 1000; i++) {
      expect((await app.request(`${API_PREFIX}/documents/doc-${i}-${crypto.randomUUID()}`)).status).toBe(200);
    }
    const requests = await values(metrics.registry, "wspec_http_requests_total");
    expect(requests).toEqual([
      {
        labels: {
          method: "GET",
          route: `${API_PREFIX}/documents/:id`,
          status: "200",
          tier: "none",
          process: "api",
        },
        value: 1000,
      },
    ]);
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/doc-\d+/);
    const count = (await values(metrics.registry, "wspec_http_request_duration_seconds")).find(
      (v) => (v as { metricName?: string }).metricName === "wspec_http_request_duration_seconds_count",
    );
    expect(count?.value).toBe(1000);
  });

  it("collapses every unknown path and odd method into one label each", async () => {
    const { app, metrics } = appWith();
    for (let i = 0; i < 500; i++) await app.request(`/scan/${i}/wp-admin.php?x=${i}`);
    for (let i = 0; i < 500; i++) await app.request(`${API_PREFIX}/nothing-here-${i}`);
    await app.request(`${API_PREFIX}/documents/1`, { method: "PROPFIND" });
    const requests = await values(metrics.registry, "wspec_http_requests_total");
    const unmatched = requests.filter((v) => v.labels.route === UNMATCHED_ROUTE);
    expect(unmatched).toEqual([
      {
        labels: { method: "GET", route: UNMATCHED_ROUTE, status: "404", tier: "none", process: "api" },
        value: 1000,
      },
      expect.objectContaining({
        labels: expect.objectContaining({ method: "OTHER", route: UNMATCHED_ROUTE }),
      }),
    ]);
    expect(requests.length).toBe(2);
  });

  it("labels by tenant tier, never by tenant id, and sees errors as the funnel answered them", async () => {
    const tiers = ["starter", "professional", "enterprise"] as const;
    const { app, metrics } = appWith((id) => ({
      id,
      slug: `t-${id}`,
      tier: tiers[Number(id) % 3] ?? "starter",
    }));
    for (let i = 0; i < 300; i++) {
      await app.request(`${API_PREFIX}/documents/x`, { headers: { "x-tenant": String(i) } });
    }
    const res = await app.request(`${API_PREFIX}/fails`, { headers: { "x-tenant": "1" } });
    expect(res.status).toBe(500);
    const requests = await values(metrics.registry, "wspec_http_requests_total");
    expect(requests.map((v) => [v.labels.tier, v.labels.route, v.labels.status, v.value]).sort()).toEqual(
      [
        ["enterprise", `${API_PREFIX}/documents/:id`, "200", 100],
        ["professional", `${API_PREFIX}/documents/:id`, "200", 100],
        ["professional", `${API_PREFIX}/fails`, "500", 1],
        ["starter", `${API_PREFIX}/documents/:id`, "200", 100],
      ].sort(),
    );
    expect(await metrics.registry.metrics()).not.toMatch(/t-\d+/);
  });
});

describe("auth failures", () => {
  it("counts the real middleware's refusals by a bounded reason", async () => {
    const key = await generateAccessTokenKey("k1");
    const config = {
      issuer: "wspec",
      audience: "wspec-api",
      signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
    };
    const tokens = await createAccessTokenService(config);
    const other = await generateAccessTokenKey("k1");
    const forger = await createAccessTokenService({
      ...config,
      signingKey: { kid: "k1", privateKeyPem: other.privateKeyPem },
    });
    const subject = { sub: "u1", tenant: "t1", role: "tenant-admin" as const, scopes: ["*"] };
    const expired = (await tokens.issue(subject, new Date(Date.now() - 2 * 3600_000))).token;
    const forged = (await forger.issue(subject)).token;
    const metrics = createRuntimeMetrics("api");
    const app = testApp({
      observe: httpMetrics(metrics),
      middleware: [authenticate({ accessTokens: tokens })],
      routes: [(a) => a.get(`${API_PREFIX}/me`, (c) => c.json({}))],
    });
    const get = (headers: Record<string, string>) => app.request(`${API_PREFIX}/me`, { headers });
    expect((await get({})).status).toBe(401);
    expect((await get({ authorization: "Basic abc" })).status).toBe(401);
    expect((await get({ authorization: `Bearer ${expired}` })).status).toBe(401);
    expect((await get({ authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await get({ authorization: "Bearer not.a.jwt" })).status).toBe(401);
    expect((await get({ "x-api-key": "wspec_abc" })).status).toBe(401);
    const ok = (await tokens.issue(subject)).token;
    expect((await get({ authorization: `Bearer ${ok}` })).status).toBe(200);
    const reasons = Object.fromEntries(
      (await values(metrics.registry, "wspec_auth_failures_total")).map((v) => [v.labels.reason, v.value]),
    );
    expect(reasons).toEqual({
      missing_credential: 1,
      malformed_header: 1,
      expired: 1,
      bad_signature: 1,
      malformed: 1,
      api_key_not_accepted: 1,
    });
  });
});

describe("the metrics server", () => {
  it("serves GET /metrics on its own port and nothing else", async () => {
    const metrics = createRuntimeMetrics("worker");
    metrics.webhookDeliveries.inc({ outcome: "delivered" });
    const server = await startMetricsServer({
      registry: metrics.registry,
      port: 0,
      host: "127.0.0.1",
      logger: pino({ level: "silent" }),
    });
    try {
      const base = `http://127.0.0.1:${server.address.port}`;
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const body = await res.text();
      expect(body).toContain('wspec_webhook_deliveries_total{outcome="delivered",process="worker"} 1');
      expect(body).toContain("wspec_runtime_process_cpu_seconds_total");
      expect((await fetch(`${base}/api/v2/documents`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});

describe("sampled gauges", () => {
  it("reads queues and pools at scrape time, one Redis read per scrape, and survives a broken queue", async () => {
    const metrics = createRuntimeMetrics("api");
    let reads = 0;
    let waiting = 3;
    const now = 1_000_000;
    observeQueues(
      metrics,
      [
        {
          name: "wspec-pipeline",
          async getJobCounts() {
            reads++;
            return { waiting, active: 1, delayed: 0, prioritized: 0, failed: 2 };
          },
          async getWaiting() {
            return waiting ? [{ timestamp: now - 42_000 }] : [];
          },
        },
        {
          name: "wspec-webhooks",
          getJobCounts: () => Promise.reject(new Error("redis down")),
          getWaiting: () => Promise.reject(new Error("redis down")),
        },
      ],
      () => now,
    );
    let waits = 3;
    observePools(metrics, () => ({
      pools: 2,
      budgeted: 20,
      maxTotal: 50,
      active: 7,
      waiting: 1,
      waits,
      waitSeconds: 0.5,
    }));
    const jobs = await values(metrics.registry, "wspec_queue_jobs");
    expect(reads).toBe(1);
    expect(jobs.find((v) => v.labels.state === "waiting")).toMatchObject({
      labels: { queue: "wspec-pipeline" },
      value: 3,
    });
    expect(jobs.every((v) => v.labels.queue === "wspec-pipeline")).toBe(true);
    expect(await values(metrics.registry, "wspec_queue_oldest_waiting_seconds")).toEqual([
      { labels: { queue: "wspec-pipeline", process: "api" }, value: 42 },
    ]);
    expect((await values(metrics.registry, "wspec_db_connections_active"))[0]?.value).toBe(7);
    expect((await values(metrics.registry, "wspec_db_transactions_waiting"))[0]?.value).toBe(1);
    expect((await values(metrics.registry, "wspec_db_transaction_waits_total"))[0]?.value).toBe(3);
    waits = 5;
    expect((await values(metrics.registry, "wspec_db_transaction_waits_total"))[0]?.value).toBe(5);
    expect((await values(metrics.registry, "wspec_db_transaction_wait_seconds_total"))[0]?.value).toBe(0.5);
    waiting = 0;
    expect(await values(metrics.registry, "wspec_queue_oldest_waiting_seconds")).toEqual([
      { labels: { queue: "wspec-pipeline", process: "api" }, value: 0 },
    ]);
  });
});

describe("storage latency", () => {
  it("times a real driver's calls by operation and outcome, leaving the driver working", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const root = await mkdtemp(join(tmpdir(), "wspec-metrics-storage-"));
    try {
      const metrics = createRuntimeMetrics("worker");
      const driver = instrumentStorage(new LocalStorageDriver({ root }), metrics);
      expect(driver).toBeInstanceOf(LocalStorageDriver);
      const bytes = new TextEncoder().encode("hello");
      const { sha256Hex } = await import("../storage/index.ts");
      await driver.put("t/a.txt", bytes, {
        sha256: sha256Hex(bytes),
        size: bytes.length,
        contentType: "text/plain",
      });
      expect((await driver.head("t/a.txt")).size).toBe(5);
      await expect(driver.head("t/missing.txt")).rejects.toThrow();
      const counts = (await values(metrics.registry, "wspec_storage_operation_duration_seconds")).filter(
        (v) => String((v as { metricName?: string }).metricName).endsWith("_count"),
      );
      expect(counts.map((v) => [v.labels.operation, v.labels.outcome, v.value]).sort()).toEqual([
        ["head", "error", 1],
        ["head", "ok", 1],
        ["put", "ok", 1],
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("usage counters", () => {
  it("batches counts per tenant, day and metric, keeps a batch that failed and drops a tenant that is gone", async () => {
    const { UnknownTenantError } = await import("../db/index.ts");
    const written: { tenantId: string; query: string }[] = [];
    let failNext = true;
    const databases = {
      async withTenant<T>(tenantId: string, fn: (tx: never) => Promise<T>): Promise<T> {
        if (tenantId === "gone") throw new UnknownTenantError(tenantId);
        if (failNext) {
          failNext = false;
          throw new Error("database restarting");
        }
        const tx = {
          execute: async (q: { queryChunks: unknown[] }) => {
            written.push({ tenantId, query: JSON.stringify(q.queryChunks) });
          },
        };
        return fn(tx as never);
      },
    };
    const usage = startUsageCounters({
      databases,
      intervalMs: 3_600_000,
      logger: pino({ level: "silent" }),
      now: () => new Date("2026-12-08T10:00:00Z"),
    });
    for (let i = 0; i < 1000; i++) usage.count("t1", "api_requests");
    usage.count("gone", "api_requests");
    await usage.flush();
    expect(written).toEqual([]);
    usage.count("t1", "documents_processed");
    await usage.stop();
    expect(written.map((w) => w.tenantId)).toEqual(["t1", "t1"]);
    expect(written[0]?.query).toContain("1000");
    expect(written[0]?.query).toContain("2026-12-08");
    expect(written[1]?.query).toContain("documents_processed");
  });
});

describe("model tokens", () => {
  it("counts the usage an OpenAI-compatible provider reports, through the real translation provider", async () => {
    const { translationFromEnv } = await import("../ai/translate/index.ts");
    const metrics = createRuntimeMetrics("api");
    const provider = async () =>
      new Response(
        JSON.stringify({
          choices: [{ message: { content: "Hallo Welt" } }],
          usage: { prompt_tokens: 31, completion_tokens: 4, total_tokens: 35 },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const { val } = translationFromEnv(
      { TRANSLATION_API_URL: "https://llm.example.test/v1" },
      meteredFetch(metrics, "translation", provider),
    );
    const out = await val?.translate({ text: "Hello world", target: "de" });
    expect(out?.text).toBe("Hallo Welt");
    await val?.translate({ text: "Hello again", target: "de" });
    const tokens = Object.fromEntries(
      (await values(metrics.registry, "wspec_model_tokens_total")).map((v) => [v.labels.kind, v.value]),
    );
    expect(tokens).toEqual({ prompt: 62, completion: 8 });
  });
});
