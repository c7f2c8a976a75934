// Keyed audit chains against a fresh PostgreSQL. Security review, issue 16: chains were plain
// SHA-256 unless a deployment set a key (none did), so anyone who could write the table could
// rewrite history and recompute every hash. Now each tenant's chain is HMAC-keyed by default, with
// the operator's per-tenant key once its Secret carries one; GET /audit/verify still verifies a
// chain that began unkeyed, and refuses a chain that steps down to a weaker key or none.
import type { MiddlewareHandler } from "hono";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppEnv, createApp } from "../app/index.ts";
import { type AuthFixture, authFixture } from "../auth/stores/testing.ts";
import { type AuditKey, appendAudit } from "./audit-log.ts";
import { rowHash } from "./hash.ts";
import { derivedAuditKey, tenantAuditKeys } from "./keys.ts";
import { registerAuditRoutes } from "./routes/index.ts";

const ROOT = Buffer.alloc(32, 3).toString("base64");
const OPERATOR_KEY = "f".repeat(64);
let fx: AuthFixture;
const operatorKeys = new Map<string, string>();
const keys = tenantAuditKeys({ tenantKey: (t) => operatorKeys.get(t), rootKey: ROOT });

function appWith(key: AuditKey) {
  const asTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
    const slug = c.req.header("x-test-tenant") ?? "";
    const id = fx.tenantId(slug);
    c.set("tenant", { id, slug, tier: "starter" });
    c.set("principal", { kind: "user", id: "auditor", tenantId: id, role: "tenant-admin", scopes: ["*"] });
    await next();
  };
  return createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
    middleware: [asTenant],
    routes: [registerAuditRoutes({ databases: fx.dbs, key })],
  });
}

async function verify(slug: string, key: AuditKey = keys) {
  const res = await appWith(key).request("/api/v2/audit/verify", { headers: { "x-test-tenant": slug } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Record<string, unknown> & { broken?: Record<string, unknown> } })
    .data;
}

async function append(slug: string, n: number, key?: AuditKey) {
  for (let i = 0; i < n; i++) {
    await fx.dbs.withTenant(fx.tenantId(slug), (tx) =>
      appendAudit(
        tx,
        fx.tenantId(slug),
        {
          actorType: "user",
          actorId: "u1",
          action: `document.update`,
          resourceType: "document",
          metadata: { i },
        },
        key === undefined ? {} : { key },
      ),
    );
  }
}

beforeAll(async () => {
  fx = await authFixture(["keyed", "legacy", "downgraded", "rewritten"]);
});
afterAll(async () => {
  await fx?.close();
});

describe("keyed audit chains", () => {
  it("are keyed by default: a derived per-tenant key without the operator's, the operator's once given", async () => {
    const t = fx.tenantId("keyed");
    expect(keys(t)).toEqual([derivedAuditKey(ROOT, t)]);
    expect(derivedAuditKey(ROOT, t)).not.toBe(derivedAuditKey(ROOT, fx.tenantId("legacy")));
    await append("keyed", 2, keys);
    operatorKeys.set(t, OPERATOR_KEY);
    expect(keys(t)).toEqual([OPERATOR_KEY, derivedAuditKey(ROOT, t)]);
    await append("keyed", 2, keys);
    expect(await verify("keyed")).toMatchObject({ ok: true, checked: 4, unkeyed: 0 });
    // Without the keys, the chain does not verify: it is not plain SHA-256.
    expect(await verify("keyed", () => [])).toMatchObject({
      ok: false,
      broken: { seq: 1, reason: "hash_mismatch" },
    });
  });

  it("still verify a chain that began unkeyed, reporting how many rows are unkeyed", async () => {
    await append("legacy", 3);
    await append("legacy", 2, keys);
    expect(await verify("legacy")).toMatchObject({ ok: true, checked: 5, unkeyed: 3 });
  });

  it("refuse an unkeyed row after keyed ones, and never show the keyed hash a forger would need", async () => {
    const t = fx.tenantId("downgraded");
    await append("downgraded", 2, keys);
    await append("downgraded", 1); // as someone without the key would append
    const report = await verify("downgraded");
    expect(report).toMatchObject({
      ok: false,
      checked: 2,
      broken: {
        seq: 3,
        reason: "hash_mismatch",
        expected: "the HMAC-SHA256 of the row under the chain's key (not shown)",
      },
    });
    expect(JSON.stringify(report)).not.toContain(derivedAuditKey(ROOT, t));
  });

  it("refuse a keyed row rewritten with a recomputed plain hash after the chain was keyed", async () => {
    const t = fx.tenantId("rewritten");
    await append("rewritten", 2, keys);
    const [row] = await fx.admin<
      {
        id: string;
        occurred_at: Date;
        prev_hash: string;
        actor_type: string;
        action: string;
        resource_type: string;
        metadata: Record<string, unknown>;
      }[]
    >`select * from audit_logs where tenant_id = ${t} and seq = 2`;
    if (!row) throw new Error("no row");
    const forged = rowHash(
      {
        tenantId: t,
        seq: 2,
        occurredAt: row.occurred_at,
        actorType: row.actor_type,
        actorId: "someone else",
        action: row.action,
        resourceType: row.resource_type,
        resourceId: null,
        ip: null,
        userAgent: null,
        requestId: null,
        metadata: row.metadata,
      },
      row.prev_hash,
    );
    await fx.admin`update audit_logs set actor_id = 'someone else', hash = ${forged} where id = ${row.id}`;
    expect(await verify("rewritten")).toMatchObject({
      ok: false,
      checked: 1,
      broken: { seq: 2, reason: "hash_mismatch" },
    });
  });
});
