// Retention that acts, on real PostgreSQL, storage and Redis: documents whose retention ended are
// destroyed in storage and the database with their derived data, a held one and one still within
// its retention stay, each disposal leaves a certificate in the audit log and the chain verifies;
// two runs at once dispose of each document once; the BullMQ schedule disposes with no call.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { registerAuditRoutes } from "../audit/index.ts";
import { type Caller, type DocumentHarness, documentHarness } from "../documents/testing/index.ts";
import { queueConnection } from "../queues.ts";
import {
  DISPOSAL_ACTION,
  type DisposalCertificate,
  type RetentionDeps,
  registerRetentionRoutes,
  runTenantRetention,
  startRetentionScheduler,
} from "./index.ts";

let h: DocumentHarness;
let deps: RetentionDeps;
const DERIVED = [
  "document_versions",
  "document_processing",
  "document_analyses",
  "compliance_checks",
  "classifier_examples",
  "processing_outbox",
] as const;

beforeAll(async () => {
  h = await documentHarness({
    routes: (d) => [
      registerRetentionRoutes({
        databases: d.databases,
        driver: d.driver,
        logger: pino({ level: "silent" }),
      }),
      registerAuditRoutes({ databases: d.databases }),
    ],
  });
  deps = { databases: h.fx.dbs, driver: h.driver, logger: pino({ level: "silent" }) };
});
afterAll(async () => {
  await h?.close();
});

type Body<T> = { data: T; error: { code: string; message: string; details: { field: string }[] } };
const json = async <T>(res: Response) => (await res.json()) as Body<T>;

let seq = 0;
/** An uploaded document with its derived data, then aged by `days` (created that long ago). */
async function stored(who: Caller, opts: { days?: number; versions?: number } = {}) {
  seq += 1;
  const text = (v: number) =>
    new TextEncoder().encode(`retention sample ${seq} version ${v} ${crypto.randomUUID()}`);
  const res = await h.uploadRaw(who, text(1), "text/plain", { name: `doc-${seq}.txt` });
  expect(res.status, await res.clone().text()).toBe(201);
  const id = (await json<{ id: string }>(res)).data.id;
  for (let v = 2; v <= (opts.versions ?? 1); v++) {
    const added = await h.call("POST", `/documents/${id}/versions?name=doc-${seq}.txt`, who, {
      body: text(v),
      headers: { "content-type": "text/plain" },
    });
    expect(added.status, await added.clone().text()).toBe(201);
  }
  const t = who.tenantId;
  await h.fx
    .admin`insert into document_processing (tenant_id, document_id, version, step) values (${t}, ${id}, 1, 'extract')`;
  await h.fx
    .admin`insert into document_analyses (tenant_id, document_id, version, summary) values (${t}, ${id}, 1, 'a summary')`;
  await h.fx
    .admin`insert into compliance_checks (tenant_id, document_id, document_version, framework) values (${t}, ${id}, 1, 'GDPR')`;
  await h.fx
    .admin`insert into classifier_examples (tenant_id, label, text, document_id) values (${t}, 'memo', 'copied text', ${id})`;
  if (opts.days) {
    await h.fx
      .admin`update documents set created_at = now() - make_interval(days => ${opts.days}) where id = ${id}`;
  }
  const keys = (
    await h.fx.admin<
      { key: string }[]
    >`select storage_key as key from document_versions where document_id = ${id}`
  ).map((r) => r.key);
  return { id, keys };
}

async function category(tenantId: string, days: number): Promise<string> {
  const [row] = await h.fx.admin<{ id: string }[]>`
    insert into document_categories (tenant_id, name, retention_days)
    values (${tenantId}, ${`kept ${days} days ${crypto.randomUUID()}`}, ${days}) returning id`;
  return row?.id ?? "";
}

async function rowsOf(id: string): Promise<{ documents: number } & Record<string, number>> {
  const [d] = await h.fx.admin<{ n: number }[]>`select count(*)::int as n from documents where id = ${id}`;
  const out: { documents: number } & Record<string, number> = { documents: d?.n ?? 0 };
  for (const table of DERIVED) {
    const [r] = await h.fx.admin.unsafe<{ n: number }[]>(
      `select count(*)::int as n from ${table} where document_id = $1`,
      [id],
    );
    out[table] = r?.n ?? 0;
  }
  return out;
}

async function objectExists(key: string): Promise<boolean> {
  return h.driver.head(key).then(
    () => true,
    () => false,
  );
}

async function certificates(tenantId: string): Promise<DisposalCertificate[]> {
  const rows = await h.fx.admin<{ metadata: { certificate: DisposalCertificate } }[]>`
    select metadata from audit_logs where tenant_id = ${tenantId} and action = ${DISPOSAL_ACTION} order by seq`;
  return rows.map((r) => r.metadata.certificate);
}

describe("retention disposal", () => {
  it("reports what is due, disposes of it with certificates, and never touches a held document", async () => {
    const admin = h.users.north["tenant-admin"];
    const officer = h.users.north["compliance-officer"];
    const t = admin.tenantId;
    const shortCategory = await category(t, 30);
    const pastUntil = await stored(admin, { versions: 2 });
    await h.fx.admin`update documents set retain_until = now() - interval '1 day' where id = ${pastUntil.id}`;
    const pastCategory = await stored(admin, { days: 40 });
    await h.fx.admin`update documents set category_id = ${shortCategory} where id = ${pastCategory.id}`;
    const held = await stored(admin, { days: 40 });
    await h.fx
      .admin`update documents set retain_until = now() - interval '1 day', legal_hold = true where id = ${held.id}`;
    const within = await stored(admin, { days: 10 });
    await h.fx.admin`update documents set category_id = ${shortCategory} where id = ${within.id}`;
    // Both rules must have ended: the category's has, the explicit date has not.
    const extended = await stored(admin, { days: 40 });
    await h.fx
      .admin`update documents set category_id = ${shortCategory}, retain_until = now() + interval '1 day' where id = ${extended.id}`;
    const noRule = await stored(admin, { days: 4000 });
    const south = await stored(h.users.south["tenant-admin"]);
    await h.fx.admin`update documents set retain_until = now() - interval '1 day' where id = ${south.id}`;

    const report = await h.call("GET", "/retention/due", officer);
    expect(report.status, await report.clone().text()).toBe(200);
    const due = (
      await json<{ due: { document_id: string; rule: { kind: string }; versions: number }[] }>(report)
    ).data.due;
    expect(due.map((d) => d.document_id).sort()).toEqual([pastUntil.id, pastCategory.id].sort());
    expect(due.find((d) => d.document_id === pastUntil.id)).toMatchObject({
      rule: { kind: "retain_until" },
      versions: 2,
    });
    expect(due.find((d) => d.document_id === pastCategory.id)).toMatchObject({
      rule: { kind: "category", retention_days: 30 },
    });

    // A dry run reports the same and changes nothing.
    const before = await h.counts();
    const dry = await h.call("POST", "/retention/runs", admin, { json: { dry_run: true } });
    expect(dry.status, await dry.clone().text()).toBe(200);
    const dryBody = (await json<{ due: { document_id: string }[]; disposed: unknown[] }>(dry)).data;
    expect(dryBody.due.map((d) => d.document_id).sort()).toEqual([pastUntil.id, pastCategory.id].sort());
    expect(dryBody.disposed).toEqual([]);
    expect(await h.counts()).toEqual(before);

    // Two runs at once: each document is disposed of once.
    const [a, b] = await Promise.all([
      runTenantRetention(deps, t, { dryRun: false }),
      runTenantRetention(deps, t, { dryRun: false }),
    ]);
    expect([...a.disposed, ...b.disposed].map((c) => c.document.document_id).sort()).toEqual(
      [pastUntil.id, pastCategory.id].sort(),
    );
    expect([a.failed, b.failed, a.storage_failures, b.storage_failures]).toEqual([[], [], [], []]);

    for (const gone of [pastUntil, pastCategory]) {
      expect(
        Object.values(await rowsOf(gone.id)).every((n) => n === 0),
        JSON.stringify(await rowsOf(gone.id)),
      ).toBe(true);
      for (const key of gone.keys) expect(await objectExists(key)).toBe(false);
    }
    for (const kept of [held, within, extended, noRule, south]) {
      expect((await rowsOf(kept.id)).documents).toBe(1);
      for (const key of kept.keys) expect(await objectExists(key)).toBe(true);
    }

    const certs = await certificates(t);
    expect(certs.map((c) => c.document.document_id).sort()).toEqual([pastUntil.id, pastCategory.id].sort());
    const cert = certs.find((c) => c.document.document_id === pastUntil.id);
    expect(cert?.destroyed_versions.map((v) => v.version)).toEqual([1, 2]);
    expect(cert?.destroyed_versions.map((v) => v.storage_key).sort()).toEqual([...pastUntil.keys].sort());
    expect(cert?.document.rule.kind).toBe("retain_until");
    expect(await certificates(h.users.south["tenant-admin"].tenantId)).toEqual([]);

    const verify = await h.call("GET", "/audit/verify", officer);
    expect((await json<{ ok: boolean }>(verify)).data.ok).toBe(true);

    // Nothing is due any more, and the last run is on record.
    const after = (
      await json<{ due: unknown[]; last_run: { disposed: number } | null }>(
        await h.call("GET", "/retention/due", officer),
      )
    ).data;
    expect(after.due).toEqual([]);
    expect(after.last_run).not.toBeNull();
  });

  it("disposes on its BullMQ schedule, one scheduled run across two workers", async () => {
    const admin = h.users.north["tenant-admin"];
    const doc = await stored(admin);
    await h.fx.admin`update documents set retain_until = now() - interval '1 hour' where id = ${doc.id}`;
    const redis = (await loadLocalEnv()).redis.url;
    const prefix = `wspec-retention-${process.pid}-${Date.now()}`;
    const logger = pino({ level: "silent" });
    const options = {
      connection: queueConnection(redis),
      prefix,
      everyMs: 300,
      tenants: () => h.fx.registry.list().map((l) => l.tenantId),
      deps,
      logger,
    };
    const workers = [await startRetentionScheduler(options), await startRetentionScheduler(options)];
    try {
      const deadline = Date.now() + 60_000;
      while ((await rowsOf(doc.id)).documents > 0) {
        if (Date.now() > deadline) throw new Error("the scheduled run did not dispose of the document");
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await workers[0]?.queue.getJobSchedulersCount()).toBe(1);
      // Let a few more scheduled runs pass: the certificate stays single.
      await new Promise((r) => setTimeout(r, 1000));
      const certs = (await certificates(admin.tenantId)).filter((c) => c.document.document_id === doc.id);
      expect(certs).toHaveLength(1);
      for (const key of doc.keys) expect(await objectExists(key)).toBe(false);
    } finally {
      await workers[0]?.queue.obliterate({ force: true }).catch(() => {});
      await Promise.all(workers.map((w) => w.close()));
    }
  });

  it("lets only admins dispose, and names the field of bad input", async () => {
    const officer = h.users.north["compliance-officer"];
    const admin = h.users.north["tenant-admin"];
    const denied = await h.call("POST", "/retention/runs", officer, { json: { dry_run: true } });
    expect(denied.status).toBe(403);
    expect((await h.call("GET", "/retention/due", h.users.north["end-user"])).status).toBe(403);
    expect((await h.call("GET", "/retention/due", undefined)).status).toBe(401);
    const cases: [string, string, Record<string, unknown> | undefined, string][] = [
      ["POST", "/retention/runs", {}, "dry_run"],
      ["POST", "/retention/runs", { dry_run: "yes" }, "dry_run"],
      ["POST", "/retention/runs", { dry_run: false, limit: 0 }, "limit"],
      ["POST", "/retention/runs", { dry_run: false, limit: 5000 }, "limit"],
      ["POST", "/retention/runs", { dry_run: true, everything: true }, "everything"],
      ["GET", "/retention/due?limit=0", undefined, "limit"],
      ["GET", "/retention/due?limit=abc", undefined, "limit"],
      ["GET", "/retention/due?tenant=south", undefined, "tenant"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await h.call(method, path, admin, body ? { json: body } : {});
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      const err = (await json<unknown>(res)).error;
      expect(
        err.details.map((d) => d.field),
        JSON.stringify(err),
      ).toContain(field);
    }
  });
});
