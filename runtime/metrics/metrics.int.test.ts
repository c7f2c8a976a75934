// The API and the worker as main.ts and worker.ts wire them, each with its metrics port: after
// real traffic (refused and unknown requests, an upload processed by the worker's pipeline, a
// webhook delivered to a local receiver) both scrapes show the counters moved, labelled by route
// template and tier, never by tenant or path.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { createAccessTokenService, generateAccessTokenKey } from "../auth/access-token.ts";
import { tenantUuid } from "../db/index.ts";
import { type FreshDatabase, freshDatabase, mountTenantSecret } from "../db/testing/index.ts";
import { type Runtime, startRuntime } from "../main.ts";
import { type RunningWorker, startWorker } from "../worker.ts";

const run = randomBytes(3).toString("hex");
const slug = `metrics-${run}`;
let db: FreshDatabase;
let dirs: string[] = [];
let runtime: Runtime | undefined;
let worker: RunningWorker | undefined;
let receiver: Server;
let received = 0;
let admin: postgres.Sql;
let api: string;
let token: string;

/** One scrape, as `name{labels} value` lines. */
async function scrape(port: number | undefined): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  return (await res.text()).split("\n").filter((l) => l && !l.startsWith("#"));
}

/** The sum of a metric's samples whose labels include all of `labels`. */
function sum(lines: string[], name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of lines) {
    const m = /^([a-z_:]+)(\{.*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = m[2] ?? "";
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) total += Number(m[3]);
  }
  return total;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const local = await loadLocalEnv();
  db = await freshDatabase("wspec_metrics");
  admin = postgres(db.adminUrl, { max: 2, onnotice: () => {} });
  const secrets = await mkdtemp(join(tmpdir(), "wspec-metrics-secrets-"));
  const storage = await mkdtemp(join(tmpdir(), "wspec-metrics-storage-"));
  dirs = [secrets, storage];
  await mountTenantSecret(secrets, slug, db, slug);
  // What the operator adds from the tenant's ComplianceProfile: the compliance step needs it.
  await writeFile(
    join(secrets, slug, "COMPLIANCE_POLICY"),
    JSON.stringify({ profile: "metrics-test", frameworks: ["GDPR"], pii: "flag", documentRules: [] }),
  );
  receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const key = await generateAccessTokenKey(`metrics-${run}`);
  const env = {
    HOST: "127.0.0.1",
    PORT: "0",
    METRICS_PORT: "0",
    LOG_LEVEL: "silent",
    DATABASE_URL: db.appUrl,
    REDIS_URL: local.redis.url,
    QUEUE_PREFIX: `metrics-${run}`,
    SWEEP_INTERVAL_SECONDS: "0",
    RETENTION_INTERVAL_SECONDS: "0",
    OUTBOX_RELAY_INTERVAL_SECONDS: "0",
    USAGE_FLUSH_SECONDS: "1",
    TENANT_SECRETS_DIR: secrets,
    STORAGE_KIND: "local",
    STORAGE_PATH: storage,
    AUTH_JWT_PRIVATE_KEY: key.privateKeyPem,
    AUTH_JWT_KID: key.kid,
    AUTH_SECRET_BOX_KEY: randomBytes(32).toString("base64"),
    WEBHOOKS_ALLOW_HTTP: "true",
    WEBHOOKS_ALLOW_PRIVATE: "true",
  };
  runtime = await startRuntime(env);
  worker = await startWorker(env);
  api = `http://127.0.0.1:${runtime.server.address.port}`;
  const tokens = await createAccessTokenService({
    issuer: "wspec",
    audience: "wspec-api",
    signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
  });
  const user = crypto.randomUUID();
  await until("the tenant", async () => {
    const [row] = await admin<{ id: string }[]>`select id from tenants where slug = ${slug}`;
    return row?.id;
  });
  await admin`insert into users (id, tenant_id, email, role) values (${user}, ${tenantUuid(slug)}, ${`admin-${run}@metrics.test`}, 'tenant-admin')`;
  token = (await tokens.issue({ sub: user, tenant: tenantUuid(slug), role: "tenant-admin", scopes: ["*"] }))
    .token;
}, 300_000);

afterAll(async () => {
  await worker?.close();
  await runtime?.server.shutdown("metrics tests done");
  await new Promise((r) => receiver?.close(r));
  await admin?.end({ timeout: 5 });
  await db?.drop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("the metrics ports", () => {
  it("are apart from the API and loopback-bound", () => {
    expect(runtime?.metrics?.address.port).toBeGreaterThan(0);
    expect(runtime?.metrics?.address.port).not.toBe(runtime?.server.address.port);
    expect(runtime?.metrics?.address.address).toBe("127.0.0.1");
    expect(worker?.metrics?.address.address).toBe("127.0.0.1");
  });

  it("show the API's and the worker's counters move after real traffic", async () => {
    const apiPort = runtime?.metrics?.address.port;
    const workerPort = worker?.metrics?.address.port;
    const apiBefore = await scrape(apiPort);
    const workerBefore = await scrape(workerPort);
    const auth = { authorization: `Bearer ${token}` };

    // The API's own port does not serve metrics.
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
    for (let i = 0; i < 20; i++) {
      expect((await fetch(`${api}/api/v2/documents/${crypto.randomUUID()}`)).status).toBe(401);
      expect((await fetch(`${api}/no/such/${i}`)).status).toBe(404);
    }
    const endpoint = await fetch(`${api}/api/v2/webhooks`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
        events: ["document.*"],
      }),
    });
    expect(endpoint.status, await endpoint.clone().text()).toBe(201);
    const upload = await fetch(`${api}/api/v2/documents?name=invoice.txt`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/plain" },
      body: `Invoice ${run}: consulting services, total due EUR 1,200.00, net 30 days.`,
    });
    expect(upload.status, await upload.clone().text()).toBe(201);
    const { data } = (await upload.json()) as { data: { id: string } };
    await until("the document processed", async () => {
      const [row] = await admin<{ status: string }[]>`select status from documents where id = ${data.id}`;
      return row?.status === "ready" || row?.status === "failed" ? row.status : undefined;
    });
    await until("a webhook delivered", async () => (received > 0 ? true : undefined));
    const apiAfter = await until("the API's counters", async () => {
      const lines = await scrape(apiPort);
      return sum(lines, "wspec_http_requests_total", { route: "/api/v2/documents", status: "201" }) > 0
        ? lines
        : undefined;
    });
    let lastWorker: string[] = [];
    const workerAfter = await until("the worker's counters", async () => {
      const lines = await scrape(workerPort);
      lastWorker = lines;
      return sum(lines, "wspec_pipeline_steps_total", { step: "notify", outcome: "success" }) > 0 &&
        sum(lines, "wspec_webhook_deliveries_total", { outcome: "delivered" }) > 0
        ? lines
        : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message}: ${lastWorker.filter((l) => /pipeline|webhook/.test(l)).join("\n")}`);
    });

    const delta = (after: string[], before: string[], name: string, labels: Record<string, string> = {}) =>
      sum(after, name, labels) - sum(before, name, labels);
    expect(
      delta(apiAfter, apiBefore, "wspec_http_requests_total", {
        method: "POST",
        route: "/api/v2/documents",
        status: "201",
        tier: "starter",
        process: "api",
      }),
    ).toBe(1);
    expect(
      delta(apiAfter, apiBefore, "wspec_http_requests_total", {
        route: "/api/v2/documents/:id",
        status: "401",
        tier: "none",
      }),
    ).toBe(20);
    expect(
      delta(apiAfter, apiBefore, "wspec_http_requests_total", { route: "unmatched", status: "404" }),
    ).toBe(21);
    expect(delta(apiAfter, apiBefore, "wspec_auth_failures_total")).toBe(20);
    expect(delta(apiAfter, apiBefore, "wspec_auth_failures_total", { reason: "other" })).toBe(0);
    // Neither tenant nor raw path is a label.
    const text = apiAfter.join("\n");
    expect(text).not.toContain(slug);
    expect(text).not.toContain(tenantUuid(slug));
    expect(text).not.toContain(data.id);
    expect(text).not.toContain("/no/such");
    expect(sum(apiAfter, "wspec_queue_jobs", { queue: "wspec-pipeline" })).toBeGreaterThanOrEqual(0);
    expect(apiAfter.some((l) => l.startsWith("wspec_queue_oldest_waiting_seconds{"))).toBe(true);
    expect(sum(apiAfter, "wspec_db_connections_max")).toBeGreaterThan(0);

    for (const step of ["extract", "classify", "entities", "standardize", "compliance", "index", "notify"]) {
      expect(
        delta(workerAfter, workerBefore, "wspec_pipeline_steps_total", { step, outcome: "success" }),
        step,
      ).toBe(1);
      expect(
        delta(workerAfter, workerBefore, "wspec_pipeline_step_duration_seconds_count", {
          step,
          outcome: "success",
        }),
      ).toBe(1);
    }
    expect(
      delta(workerAfter, workerBefore, "wspec_webhook_deliveries_total", { outcome: "delivered" }),
    ).toBeGreaterThan(0);
    expect(workerAfter.some((l) => l.startsWith('wspec_queue_jobs{queue="webhook-deliveries"'))).toBe(true);
    // The upload put the object through the API's driver; the pipeline read it through the worker's.
    const storage = "wspec_storage_operation_duration_seconds_count";
    expect(delta(apiAfter, apiBefore, storage, { operation: "put", outcome: "ok" })).toBe(1);
    expect(delta(workerAfter, workerBefore, storage, { operation: "get", outcome: "ok" })).toBeGreaterThan(0);
    expect(workerAfter.join("\n")).not.toContain(data.id);
  }, 180_000);

  it("keeps per-tenant usage for billing in the tenant's database, not in labels", async () => {
    const tenant = tenantUuid(slug);
    const usage = async () =>
      Object.fromEntries(
        (
          await admin<{ metric: string; count: string }[]>`
            select metric, count from usage_counters where tenant_id = ${tenant} and day = (now() at time zone 'UTC')::date`
        ).map((r) => [r.metric, Number(r.count)]),
      );
    // The previous test made two authenticated requests (the endpoint, the upload) and one document.
    const before = await until("the usage written", async () => {
      const u = await usage();
      return (u.api_requests ?? 0) >= 2 && u.documents_processed === 1 ? u : undefined;
    });
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${api}/api/v2/documents?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
    }
    const after = await until("the next batch written", async () => {
      const u = await usage();
      return (u.api_requests ?? 0) >= (before.api_requests ?? 0) + 5 ? u : undefined;
    });
    expect(after.api_requests).toBe((before.api_requests ?? 0) + 5);
    expect(after.documents_processed).toBe(1);
  }, 60_000);
});
