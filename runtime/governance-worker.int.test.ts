// `node runtime/worker.ts` as a process, wired as in production: a version committed while nothing
// enqueued it (the outbox's case) is processed by the worker's relay, and a document whose
// retention ended is disposed of by the worker's scheduled run, with its certificate in the audit
// chain and an e-mail to the tenant's admin read back from Mailpit. No call starts either.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureMailpit, loadLocalEnv, type Mailpit, repoRoot } from "../scripts/env/index.ts";
import { verifyAudit } from "./audit/index.ts";
import { connectDatabase, withTenant } from "./db/index.ts";
import { type FreshDatabase, freshDatabase, mountTenantSecret } from "./db/testing/index.ts";
import { mailsTo } from "./notifications/testing.ts";
import { LocalStorageDriver, objectKey, sha256Hex } from "./storage/index.ts";

let fresh: FreshDatabase;
let admin: postgres.Sql;
let mailpit: Mailpit;
let storagePath: string;
let worker: { child: ChildProcess; exited: Promise<number | null>; out: () => string } | undefined;
const slug = `gov-${process.pid}`;
const AUDIT_KEY = "an audit chain key of this test, 32+ chars";

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; worker log:\n${worker?.out().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  mailpit = await ensureMailpit();
  fresh = await freshDatabase();
  admin = postgres(fresh.adminUrl, { max: 2, onnotice: () => {} });
  const secrets = await mkdtemp(join(tmpdir(), "wspec-gov-secrets-"));
  await mountTenantSecret(secrets, slug, fresh, slug);
  // What the operator adds from the tenant's ComplianceProfile, and the tenant's own chain key.
  await writeFile(
    join(secrets, slug, "COMPLIANCE_POLICY"),
    JSON.stringify({ profile: "gov-test", frameworks: ["GDPR"], pii: "flag", documentRules: [] }),
  );
  await writeFile(join(secrets, slug, "AUDIT_HMAC_KEY"), AUDIT_KEY);
  storagePath = await mkdtemp(join(tmpdir(), "wspec-gov-storage-"));
  const child = spawn(process.execPath, [join(repoRoot, "runtime/worker.ts")], {
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: fresh.appUrl,
      DATABASE_ADMIN_URL: fresh.adminUrl,
      MIGRATE_ON_START: "true",
      REDIS_URL: (await loadLocalEnv()).redis.url,
      QUEUE_PREFIX: `gov-${process.pid}`,
      TENANT_SECRETS_DIR: secrets,
      STORAGE_KIND: "local",
      STORAGE_PATH: storagePath,
      OUTBOX_RELAY_INTERVAL_SECONDS: "1",
      RETENTION_INTERVAL_SECONDS: "1",
      SMTP_HOST: mailpit.smtpHost,
      SMTP_PORT: String(mailpit.smtpPort),
      SMTP_FROM: "wspec@governance.test",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  worker = { child, exited: new Promise((r) => child.once("exit", (code) => r(code))), out: () => out };
  await until("the worker to start", async () => (out.includes('"msg":"worker started"') ? true : undefined));
}, 600_000);

afterAll(async () => {
  worker?.child.kill("SIGKILL");
  await admin?.end({ timeout: 5 });
  await fresh?.drop();
});

async function tenantId(): Promise<string> {
  return until("the tenant row", async () => {
    const [row] = await admin<{ id: string }[]>`select id from tenants where slug = ${slug}`;
    return row?.id;
  });
}

/** A document as an upload leaves it (object first, then rows), without anyone enqueueing it. */
async function stored(tenant: string, text: string, extra: { retainUntilPast?: boolean } = {}) {
  const driver = new LocalStorageDriver({ root: storagePath });
  const id = crypto.randomUUID();
  const bytes = new TextEncoder().encode(text);
  const sha = sha256Hex(bytes);
  const createdAt = new Date();
  const key = objectKey({ tenant, category: "uncategorized", createdAt, document: id, version: 1 });
  await driver.put(key, bytes, { sha256: sha, size: bytes.length, contentType: "text/plain" });
  await admin.begin(async (tx) => {
    await tx`insert into documents (id, tenant_id, name, content_type, size_bytes, checksum_sha256, storage_key, created_at, retain_until)
             values (${id}, ${tenant}, ${`${id}.txt`}, 'text/plain', ${bytes.length}, ${sha}, ${key}, ${createdAt},
                     ${extra.retainUntilPast ? new Date(Date.now() - 86_400_000) : null})`;
    await tx`insert into document_versions (tenant_id, document_id, version, storage_key, content_type, size_bytes, checksum_sha256)
             values (${tenant}, ${id}, 1, ${key}, 'text/plain', ${bytes.length}, ${sha})`;
  });
  return { id, key, driver };
}

describe("the worker process", () => {
  it("processes a version nobody enqueued, from the outbox", async () => {
    const tenant = await tenantId();
    const doc = await stored(
      tenant,
      "Invoice 2026-17: consulting services, total due EUR 1,200.00, net 30 days.",
    );
    const status = await until("the document processed", async () => {
      const [row] = await admin<{ status: string }[]>`select status from documents where id = ${doc.id}`;
      return row && (row.status === "ready" || row.status === "failed") ? row.status : undefined;
    });
    const steps = await admin<{ step: string; status: string; last_error: string | null }[]>`
      select step, status, last_error from document_processing where document_id = ${doc.id} order by step`;
    expect(status, JSON.stringify(steps)).toBe("ready");
    const [outbox] = await admin<
      { sent_at: Date | null }[]
    >`select sent_at from processing_outbox where document_id = ${doc.id}`;
    expect(outbox?.sent_at).not.toBeNull();
  });

  it("disposes of a document past its retention on schedule, certifies it and e-mails the admin", async () => {
    const tenant = await tenantId();
    const email = `admin-${process.pid}-${Date.now()}@governance.test`;
    await admin`insert into users (tenant_id, email, role) values (${tenant}, ${email}, 'tenant-admin')`;
    const doc = await stored(tenant, `Old ledger ${crypto.randomUUID()}`, { retainUntilPast: true });
    const held = await stored(tenant, `Held ledger ${crypto.randomUUID()}`, { retainUntilPast: true });
    await admin`update documents set legal_hold = true where id = ${held.id}`;
    await until("the disposal", async () => {
      const [row] = await admin<
        { n: number }[]
      >`select count(*)::int as n from documents where id = ${doc.id}`;
      return row?.n === 0 ? true : undefined;
    });
    await expect(doc.driver.head(doc.key)).rejects.toThrow();
    expect(await held.driver.head(held.key)).toBeDefined();
    const [kept] = await admin<
      { n: number }[]
    >`select count(*)::int as n from documents where id = ${held.id}`;
    expect(kept?.n).toBe(1);
    const certs = await admin<{ resource_id: string }[]>`
      select resource_id from audit_logs where tenant_id = ${tenant} and action = 'retention.dispose'`;
    expect(certs.map((c) => c.resource_id)).toEqual([doc.id]);
    // Appended with the tenant's key by the worker: the chain verifies with it.
    const app = connectDatabase(fresh.appUrl, { max: 1 });
    try {
      const verified = await withTenant(app.db, tenant, (tx) => verifyAudit(tx, tenant, { key: AUDIT_KEY }));
      expect(verified.ok, JSON.stringify(verified)).toBe(true);
    } finally {
      await app.close();
    }
    const mail = await until("the disposal e-mail", async () => (await mailsTo(mailpit.api, email))[0]);
    expect(mail.Subject).toBe("Retention: 1 document disposed of");
  });

  it("stops cleanly on SIGTERM", async () => {
    worker?.child.kill("SIGTERM");
    expect(await worker?.exited).toBe(0);
    expect(worker?.out()).toContain('"msg":"worker stopped"');
  });
});
