// The runtime as the benchmark drives it: started through startRuntime (the server entry's code
// path) against a fresh migrated database, one enterprise tenant (its Secret as environment, as a
// silo runtime gets it), local document storage, a signed-in tenant admin and one stored document.
// Rate limits are off: the benchmark measures the request path, not the hourly quota.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRoute, z } from "@hono/zod-openapi";
import postgres from "postgres";
import type { App } from "../../runtime/app/index.ts";
import { ok } from "../../runtime/app/index.ts";
import { createAccessTokenService, generateAccessTokenKey } from "../../runtime/auth/access-token.ts";
import { guardedBy } from "../../runtime/auth/require-permission/index.ts";
import { tenantUuid } from "../../runtime/db/index.ts";
import { freshDatabase } from "../../runtime/db/testing/index.ts";
import { startRuntime } from "../../runtime/main.ts";
import { LocalStorageDriver, objectKey, sha256Hex } from "../../runtime/storage/index.ts";
import { loadLocalEnv } from "../../scripts/env/index.ts";

export interface ApiHarness {
  url: string;
  token: string;
  documentId: string;
  driverKind: string;
  /** The document row by id through postgres-js, as the table owner: no RLS, no transaction. */
  selectDirect(id: string): Promise<unknown>;
  /** Hash and store bytes with the same driver kind the runtime uses. */
  putDirect(bytes: Buffer): Promise<unknown>;
  randomBody(size: number): Buffer;
  close(): Promise<void>;
}

const pingRoute = createRoute({
  method: "get",
  path: "/api/v2/bench/ping",
  ...guardedBy("documents:read"),
  responses: { 200: { description: "pong", content: { "application/json": { schema: z.object({}) } } } },
});

export async function apiHarness(): Promise<ApiHarness> {
  const db = await freshDatabase("wspec_bench");
  const app = new URL(db.appUrl);
  const storagePath = mkdtempSync(join(tmpdir(), "wspec-bench-store-"));
  const key = await generateAccessTokenKey("bench");
  const slug = "bench-tenant";
  const runtime = await startRuntime(
    {
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      DATABASE_URL: db.appUrl,
      REDIS_URL: (await loadLocalEnv()).redis.url,
      RATE_LIMIT_ENABLED: "false",
      // BENCH_METRICS=1: the runtime metrics on (their own port), to measure what they add.
      ...(process.env.BENCH_METRICS === "1" ? { METRICS_PORT: "0" } : {}),
      SWEEP_INTERVAL_SECONDS: "0",
      STORAGE_KIND: "local",
      STORAGE_PATH: storagePath,
      AUTH_JWT_PRIVATE_KEY: key.privateKeyPem,
      AUTH_JWT_KID: key.kid,
      AUTH_SECRET_BOX_KEY: randomBytes(32).toString("base64"),
      TENANT_ID: slug,
      TENANT_TIER: "enterprise",
      DATABASE_HOST: app.hostname,
      DATABASE_PORT: app.port,
      DATABASE_NAME: db.name,
      DATABASE_SCHEMA: "public",
      DATABASE_USER: decodeURIComponent(app.username),
      DATABASE_PASSWORD: db.appPassword,
      REDIS_KEY_PREFIX: `t:${slug}:`,
    },
    {
      routes: [(a: App) => a.openapi(pingRoute, (c) => ok(c, { pong: true }))],
    },
  );
  const url = `http://127.0.0.1:${runtime.server.address.port}`;
  const tenantId = tenantUuid(slug);
  const admin = postgres(db.adminUrl, { max: 16, onnotice: () => {} });
  const [user] = await admin<{ id: string }[]>`
    insert into users (tenant_id, email, role) values (${tenantId}, 'bench@example.com', 'tenant-admin') returning id`;
  const tokens = await createAccessTokenService({
    issuer: "wspec",
    audience: "wspec-api",
    signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
  });
  const { token } = await tokens.issue({
    sub: user?.id ?? "",
    tenant: tenantId,
    role: "tenant-admin",
    scopes: ["*"],
  });
  const res = await fetch(`${url}/api/v2/documents?name=bench-seed.txt`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
    body: "the document every metadata read fetches",
  });
  if (res.status !== 201)
    throw new Error(`seeding a document failed: HTTP ${res.status} ${await res.text()}`);
  const documentId = ((await res.json()) as { data: { id: string } }).data.id;
  const driver = new LocalStorageDriver({ root: mkdtempSync(join(tmpdir(), "wspec-bench-direct-")) });
  return {
    url,
    token,
    documentId,
    driverKind: driver.kind,
    selectDirect: (id) => admin`select * from documents where id = ${id}`,
    putDirect: (bytes) => {
      const k = objectKey({
        tenant: tenantId,
        category: "uncategorized",
        createdAt: new Date(),
        document: crypto.randomUUID(),
        version: 1,
      });
      return driver.put(k, bytes, {
        sha256: sha256Hex(bytes),
        size: bytes.length,
        contentType: "text/plain",
      });
    },
    randomBody: (size) => randomBytes(size),
    async close() {
      await runtime.server.shutdown("bench done");
      await admin.end({ timeout: 5 });
      await db.drop();
    },
  };
}
