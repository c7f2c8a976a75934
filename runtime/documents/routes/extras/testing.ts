// Test support (imported by *.int.test.ts only): a fresh database with two tenants, users with
// access tokens, documents inserted directly as the admin (no dependency on the upload route), an
// app with the extras routes and a clock the test moves.
import { randomBytes } from "node:crypto";
import pino from "pino";
import { type App, createApp } from "../../../app/index.ts";
import type { Role } from "../../../auth/rbac.ts";
import { authenticateRequests } from "../../../auth/routes/index.ts";
import { type AuthFixture, authFixture, testAccessTokens } from "../../../auth/stores/testing.ts";
import { registerDocumentExtras } from "../extras.ts";

export interface Caller {
  id: string;
  token: string;
}

export interface NewTestDocument {
  name: string;
  description?: string;
  extractedText?: string | null;
  tags?: string[];
  categoryId?: string | null;
  contentType?: string;
  createdBy?: string | null;
  /** A string keeps microseconds ("2026-02-01 00:00:00.000101+00"), which a Date cannot. */
  createdAt?: Date | string;
  deletedAt?: Date | null;
}

export interface Reply {
  status: number;
  body: {
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the envelope holds
    data: any;
    error: { code: string; message: string; details: { field: string; message: string }[] };
  };
}

export interface ExtrasHarness {
  fx: AuthFixture;
  app: App;
  /** Another app on the same database and clock, with more routes registered after the extras. */
  appWith(more: ((app: App) => void)[]): App;
  /** The app's "now"; tests move it. */
  clock: { now: Date };
  user(slug: string, role: Role, email?: string): Promise<Caller>;
  document(slug: string, doc: NewTestDocument): Promise<string>;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; raw?: string }): Promise<Reply>;
  /** Rows of a table of a tenant, read as the admin (bypassing the API). */
  count(table: string, where?: string): Promise<number>;
  auditActions(slug: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function extrasHarness(): Promise<ExtrasHarness> {
  const fx = await authFixture(["north", "south"]);
  const accessTokens = await testAccessTokens();
  const clock = { now: new Date() };
  const appWith = (more: ((app: App) => void)[]) =>
    createApp({
      config: { apiVersion: "2.0.0" },
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      clock: () => clock.now,
      db: { ping: async () => {} },
      redis: { ping: async () => "PONG" },
      middleware: [authenticateRequests({ accessTokens, registry: fx.registry })],
      routes: [registerDocumentExtras({ databases: fx.dbs, cursorKey: "test-cursor-key" }), ...more],
    });
  const app = appWith([]);
  return {
    fx,
    app,
    appWith,
    clock,
    async user(slug, role, email) {
      const id = await fx.addUser(slug, {
        email: email ?? `${role}-${randomBytes(4).toString("hex")}@${slug}.test`,
        role,
      });
      const { token } = await accessTokens.issue({ sub: id, tenant: fx.tenantId(slug), role, scopes: ["*"] });
      return { id, token };
    },
    async document(slug, d) {
      // As text: postgres-js would send a timestamptz parameter through Date, dropping microseconds.
      const created =
        typeof d.createdAt === "string" ? d.createdAt : (d.createdAt ?? new Date()).toISOString();
      const [row] = await fx.admin<{ id: string }[]>`
        insert into documents (tenant_id, name, description, content_type, size_bytes, checksum_sha256,
          storage_key, tags, extracted_text, category_id, created_by, created_at, updated_at, deleted_at)
        values (${fx.tenantId(slug)}, ${d.name}, ${d.description ?? ""}, ${d.contentType ?? "application/pdf"},
          ${100}, ${randomBytes(32).toString("hex")}, ${`k/${randomBytes(8).toString("hex")}`},
          ${d.tags ?? []}, ${d.extractedText ?? null}, ${d.categoryId ?? null}, ${d.createdBy ?? null},
          ${created}::text::timestamptz, ${created}::text::timestamptz, ${d.deletedAt ?? null})
        returning id`;
      if (!row) throw new Error("document insert returned nothing");
      return row.id;
    },
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      const res = await app.request(`/api/v2${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      return { status: res.status, body: (await res.json()) as Reply["body"] };
    },
    async count(table, where = "true") {
      const [row] = await fx.admin.unsafe<{ n: number }[]>(
        `select count(*)::int as n from ${table} where ${where}`,
      );
      return row?.n ?? 0;
    },
    async auditActions(slug) {
      const rows = await fx.admin<{ action: string }[]>`
        select action from audit_logs where tenant_id = ${fx.tenantId(slug)} order by seq`;
      return rows.map((r) => r.action);
    },
    close: () => fx.close(),
  };
}
