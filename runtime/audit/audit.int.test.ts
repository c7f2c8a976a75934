// The audit chain against the real PostgreSQL, through the HTTP routes: appends under concurrency
// stay one chain per tenant; verify passes, then names the row edited, inserted or deleted
// directly in SQL.
import type { MiddlewareHandler } from "hono";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppEnv, createApp } from "../app/index.ts";
import { testApp } from "../app/testing.ts";
import { type AuthFixture, authFixture } from "../auth/stores/testing.ts";
import { type TenantDatabases, tenantUuid } from "../db/index.ts";
import { appendAudit } from "./audit-log.ts";
import { registerAuditRoutes } from "./routes/index.ts";
import type { AuditPage } from "./routes/list-audit.ts";

const SLUGS = ["alpha", "beta", "edited", "deleted", "inserted", "truncated"] as const;
const id = (slug: string) => tenantUuid(slug);
let fx: AuthFixture;
let admin: postgres.Sql;
let dbs: TenantDatabases;
let app: ReturnType<typeof createApp>;

/** Test-only stand-in for the auth middleware: the tenant comes from a header. */
const testAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const slug = c.req.header("x-test-tenant");
  if (slug) {
    c.set("tenant", { id: id(slug), slug, tier: "starter" });
    c.set("principal", {
      kind: "user",
      id: `user-${slug}`,
      tenantId: id(slug),
      role: "tenant-admin",
      scopes: ["*"],
    });
  }
  await next();
};

async function append(
  slug: string,
  n: number,
  action = (i: number) => `document.${i % 2 ? "update" : "create"}`,
) {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      dbs.withTenant(id(slug), (tx) =>
        appendAudit(tx, id(slug), {
          actorType: "user",
          actorId: i % 3 === 0 ? "user-1" : "user-2",
          action: action(i),
          resourceType: "document",
          resourceId: `doc-${i % 4}`,
          requestId: `req-${i}`,
          metadata: { i, nested: { z: 1, a: [i] } },
        }),
      ),
    ),
  );
}

interface Body {
  data: { items: AuditPage["items"]; next_cursor: string | null; broken: { expected: string } };
  error: { code: string; message: string; details: unknown[] };
}

const get = async (slug: string | undefined, path: string) => {
  const res = await app.request(path, { headers: slug ? { "x-test-tenant": slug } : {} });
  return { status: res.status, body: (await res.json()) as Body };
};

beforeAll(async () => {
  fx = await authFixture(SLUGS);
  admin = fx.admin;
  dbs = fx.dbs;
  app = testApp({
    middleware: [testAuth],
    routes: [registerAuditRoutes({ databases: dbs })],
  });
  await append("alpha", 40);
  await append("beta", 5);
  for (const slug of ["edited", "deleted", "inserted", "truncated"]) await append(slug, 10);
});

afterAll(async () => {
  await fx?.close();
});

describe("appends", () => {
  it("form one gap-free chain per tenant under concurrency", async () => {
    const rows = await admin<
      { seq: number }[]
    >`select seq::int from audit_logs where tenant_id = ${id("alpha")} order by seq`;
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const [head] = await admin`select seq::int, hash from audit_chain_heads where tenant_id = ${id("alpha")}`;
    const [last] = await admin`select hash from audit_logs where tenant_id = ${id("alpha")} and seq = 40`;
    expect(head).toEqual({ seq: 40, hash: last?.hash });
  });
});

describe("GET /api/v2/audit/verify", () => {
  it("passes for an untouched chain", async () => {
    const { status, body } = await get("alpha", "/api/v2/audit/verify");
    expect(status).toBe(200);
    expect(body.data).toEqual({
      ok: true,
      checked: 40,
      head: { seq: 40, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      unkeyed: 40,
    });
    expect((await get("beta", "/api/v2/audit/verify")).body.data).toMatchObject({ ok: true, checked: 5 });
  });

  it("names a row edited behind the API's back", async () => {
    const [row] =
      await admin`update audit_logs set action = 'document.read' where tenant_id = ${id("edited")} and seq = 4
      returning id, hash`;
    const { body } = await get("edited", "/api/v2/audit/verify");
    expect(body.data).toEqual({
      ok: false,
      checked: 3,
      broken: {
        row_id: row?.id,
        seq: 4,
        reason: "hash_mismatch",
        expected: expect.stringMatching(/^[0-9a-f]{64}$/),
        found: row?.hash,
      },
    });
    expect(body.data.broken.expected).not.toBe(row?.hash);
  });

  it("names the row after one deleted behind the API's back", async () => {
    const [gone] =
      await admin`delete from audit_logs where tenant_id = ${id("deleted")} and seq = 6 returning hash`;
    const [next] = await admin`select id from audit_logs where tenant_id = ${id("deleted")} and seq = 7`;
    const { body } = await get("deleted", "/api/v2/audit/verify");
    expect(body.data).toEqual({
      ok: false,
      checked: 5,
      broken: { row_id: next?.id, seq: 7, reason: "sequence_gap", expected: "seq 6", found: "seq 7" },
    });
    expect(gone?.hash).toBeDefined();
  });

  it("names a row inserted behind the API's back", async () => {
    const [prev] = await admin`select hash from audit_logs where tenant_id = ${id("inserted")} and seq = 10`;
    const [row] =
      await admin`insert into audit_logs (tenant_id, seq, occurred_at, actor_type, action, resource_type, prev_hash, hash)
      values (${id("inserted")}, 11, now(), 'user', 'document.delete', 'document', ${prev?.hash}, ${"f".repeat(64)}) returning id`;
    const { body } = await get("inserted", "/api/v2/audit/verify");
    expect(body.data).toEqual({
      ok: false,
      checked: 10,
      broken: {
        row_id: row?.id,
        seq: 11,
        reason: "unexpected_row",
        expected: "seq <= 10 (chain head)",
        found: "seq 11",
      },
    });
  });

  it("notices a deleted tail", async () => {
    await admin`delete from audit_logs where tenant_id = ${id("truncated")} and seq >= 9`;
    const { body } = await get("truncated", "/api/v2/audit/verify");
    expect(body.data).toMatchObject({
      ok: false,
      checked: 8,
      broken: {
        row_id: null,
        seq: 9,
        reason: "missing_tail",
        expected: expect.stringMatching(/^seq 10 hash /),
      },
    });
  });
});

describe("GET /api/v2/audit", () => {
  it("pages newest first with an opaque cursor until the end", async () => {
    const seqs: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const { status, body } = await get("alpha", `/api/v2/audit?limit=15${q}`);
      expect(status).toBe(200);
      seqs.push(...body.data.items.map((e: { seq: number }) => e.seq));
      cursor = body.data.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => 40 - i));
  });

  it("returns entries in the documented shape", async () => {
    const { body } = await get("beta", "/api/v2/audit?limit=1");
    expect(Object.keys(body)).toEqual(["data", "meta"]);
    expect(body.data.items[0]).toEqual({
      id: expect.any(String),
      seq: 5,
      occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      actor_type: "user",
      actor_id: expect.any(String),
      action: expect.stringMatching(/^document\./),
      resource_type: "document",
      resource_id: expect.stringMatching(/^doc-/),
      ip: null,
      user_agent: null,
      request_id: expect.stringMatching(/^req-/),
      metadata: { i: expect.any(Number), nested: { z: 1, a: [expect.any(Number)] } },
      prev_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("filters by actor, action, resource and time", async () => {
    const all = (await get("alpha", "/api/v2/audit?limit=200")).body.data.items;
    const by = async (q: string) =>
      (await get("alpha", `/api/v2/audit?limit=200&${q}`)).body.data.items.map((e) => e.seq);
    expect(await by("actor=user-1")).toEqual(all.filter((e) => e.actor_id === "user-1").map((e) => e.seq));
    expect(await by("action=document.update")).toEqual(
      all.filter((e) => e.action === "document.update").map((e) => e.seq),
    );
    expect(await by("resource=document:doc-2")).toEqual(
      all.filter((e) => e.resource_id === "doc-2").map((e) => e.seq),
    );
    expect((await by("resource=document")).length).toBe(40);
    expect(await by("resource=user")).toEqual([]);
    const mid = all[20]?.occurred_at ?? "";
    expect(await by(`from=${mid}`)).toEqual(all.filter((e) => e.occurred_at >= mid).map((e) => e.seq));
    expect(await by(`to=${mid}`)).toEqual(all.filter((e) => e.occurred_at <= mid).map((e) => e.seq));
  });

  it("shows a tenant none of another tenant's entries", async () => {
    const items = (await get("beta", "/api/v2/audit?limit=200")).body.data.items;
    expect(items.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
  });

  it("refuses a bad cursor, a cursor of other filters, bad or unknown parameters, naming each", async () => {
    const first = (await get("alpha", "/api/v2/audit?limit=5")).body.data.next_cursor as string;
    const cases: [string, { field: string; message: string }[]][] = [
      ["cursor=garbage!!", [{ field: "cursor", message: "is not a cursor returned by this API" }]],
      [
        `cursor=${first}&action=x`,
        [{ field: "cursor", message: "was issued for different filters; repeat the query without it" }],
      ],
      ["limit=0", [{ field: "limit", message: "Too small: expected number to be >=1" }]],
      ["from=yesterday", [{ field: "from", message: "Invalid ISO datetime" }]],
      ["resource=../etc", [{ field: "resource", message: "must be <type> or <type>:<id>" }]],
      ["tenant=beta", [{ field: "tenant", message: "unknown field" }]],
      [
        "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        [{ field: "from", message: "must not be after to (2026-01-01T00:00:00Z)" }],
      ],
    ];
    for (const [q, details] of cases) {
      const { status, body } = await get(
        "alpha",
        `/api/v2/audit?limit=5&${q}`.replace("limit=5&limit=0", "limit=0"),
      );
      // 400: the request breaks the API document; 422: it is well-formed but breaks a rule the
      // document cannot state (a cursor this API did not issue for this query, a window ending first).
      const expected = /^cursor=|&to=/.test(q) ? 422 : 400;
      expect([q, status]).toEqual([q, expected]);
      const code = expected === 422 ? "UNPROCESSABLE_ENTITY" : "VALIDATION_ERROR";
      expect([q, body.error.code, body.error.details]).toEqual([q, code, details]);
    }
  });

  it("requires a tenant", async () => {
    const { status, body } = await get(undefined, "/api/v2/audit");
    expect(status).toBe(401);
    expect(body.error).toEqual({ code: "UNAUTHORIZED", message: "authentication required", details: [] });
  });
});
