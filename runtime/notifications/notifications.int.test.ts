// Notifications on real PostgreSQL, Redis and Mailpit (read back through its API): a share tells
// the user in-app and by e-mail; a failing SMTP server loses nothing (the e-mail is retried and
// arrives once it recovers); preferences choose immediate, daily digest or off; compliance failures
// and retention disposals notify the right roles; bad input names the field; tenants stay apart.
import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureMailpit, loadLocalEnv, type Mailpit } from "../../scripts/env/index.ts";
import { notifications } from "../db/schema/index.ts";
import type { DocumentHooks } from "../documents/events.ts";
import { registerShareRoutes } from "../documents/routes/shares/index.ts";
import { type Caller, type DocumentHarness, documentHarness } from "../documents/testing/index.ts";
import { queueConnection } from "../queues.ts";
import { recordRefusedUpload } from "../scan/index.ts";
import {
  complianceFailures,
  createNotifier,
  disposalNotifications,
  MailQueue,
  type MailWorker,
  type Notifier,
  notifyingHooks,
  quarantineNotifications,
  registerNotificationRoutes,
  sendDigests,
  shareNotifications,
  smtpMailer,
  startMailWorker,
} from "./index.ts";
import { type FlakySmtp, flakySmtp, mailsTo, mailText } from "./testing.ts";

let h: DocumentHarness;
let mailpit: Mailpit;
let smtp: FlakySmtp;
let queue: MailQueue;
let worker: MailWorker;
let notifier: Notifier;
const logger = pino({ level: "silent" });
const tag = `${process.pid}-${Date.now()}`;
const smtpConfig = () => ({
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: smtp.port,
  SMTP_SECURE: false,
  SMTP_REQUIRE_TLS: false,
  SMTP_TLS_REJECT_UNAUTHORIZED: true,
  // Mailpit accepts any credentials: the authenticated path is the one exercised.
  SMTP_USER: "wspec",
  SMTP_PASSWORD: "not-a-real-password",
  SMTP_FROM: "wspec@notifications.test",
});

beforeAll(async () => {
  mailpit = await ensureMailpit();
  smtp = await flakySmtp({ host: mailpit.smtpHost, port: mailpit.smtpPort });
  smtp.failing = false;
  const connection = queueConnection((await loadLocalEnv()).redis.url);
  const prefix = `wspec-notify-${tag}`;
  queue = new MailQueue({ connection, prefix, attempts: 30, backoffMs: 100 });
  let hooks: DocumentHooks | undefined;
  h = await documentHarness({
    deps: { hooks: { onEvent: (e) => hooks?.onEvent?.(e) ?? Promise.resolve() } },
    routes: (d) => [registerShareRoutes(d), registerNotificationRoutes({ databases: d.databases })],
  });
  notifier = createNotifier({ databases: h.fx.dbs, queue, logger });
  hooks = notifyingHooks({}, shareNotifications(notifier, h.fx.dbs), logger);
  const mailer = smtpMailer(smtpConfig(), { timeoutMs: 5000 });
  if (!mailer) throw new Error("no mailer");
  worker = await startMailWorker({
    connection,
    prefix,
    databases: h.fx.dbs,
    mailer,
    queue,
    tenants: () => h.fx.registry.list().map((l) => l.tenantId),
    logger,
    requeueEveryMs: 500,
    requeueGraceMs: 200,
  });
}, 600_000);
afterAll(async () => {
  await worker?.close();
  await queue?.queue.obliterate({ force: true }).catch(() => {});
  await queue?.close();
  await smtp?.close();
  await h?.close();
});

type Body<T> = { data: T; error: { code: string; message: string; details: { field: string }[] } };
const json = async <T>(res: Response) => (await res.json()) as Body<T>;

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let n = 0;
async function person(
  tenant: "north" | "south",
  role: Caller["role"] = "end-user",
): Promise<Caller & { email: string }> {
  n += 1;
  const email = `person-${n}-${tag}@notify.test`;
  return { ...(await h.addUser(tenant, role, email)), email };
}

async function sharedWith(who: Caller): Promise<{ documentId: string; shareId: string }> {
  const owner = h.users[who.tenant]["tenant-admin"];
  const up = await h.uploadRaw(
    owner,
    new TextEncoder().encode(`shared memo ${crypto.randomUUID()}`),
    "text/plain",
    {
      name: `memo-${n}.txt`,
    },
  );
  expect(up.status, await up.clone().text()).toBe(201);
  const documentId = (await json<{ id: string }>(up)).data.id;
  const share = await h.call("POST", `/documents/${documentId}/shares`, owner, {
    json: { user_id: who.id, permission: "read" },
  });
  expect(share.status, await share.clone().text()).toBe(201);
  return { documentId, shareId: (await json<{ id: string }>(share)).data.id };
}

async function rowsFor(who: Caller) {
  return h.fx.dbs.withTenant(who.tenantId, (tx) =>
    tx.select().from(notifications).where(eq(notifications.userId, who.id)),
  );
}

describe("notifications", () => {
  it("tell a user a document was shared, in-app and by e-mail, and mark it read", async () => {
    const bob = await person("north");
    const { documentId } = await sharedWith(bob);
    const list = await h.call("GET", "/notifications", bob);
    expect(list.status, await list.clone().text()).toBe(200);
    const items = (await json<{ items: { id: string; type: string; title: string; read_at: null }[] }>(list))
      .data.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: "document.shared", read_at: null });
    const mail = await until("the share e-mail", async () => (await mailsTo(mailpit.api, bob.email))[0]);
    expect(mail.Subject).toBe(items[0]?.title);
    expect(await mailText(mailpit.api, mail.ID)).toContain(`/api/v2/documents/${documentId}`);

    const id = items[0]?.id ?? "";
    const read = await h.call("POST", `/notifications/${id}/read`, bob);
    expect(read.status).toBe(200);
    expect((await json<{ read_at: string | null }>(read)).data.read_at).not.toBeNull();
    const unread = await h.call("GET", "/notifications?unread=true", bob);
    expect((await json<{ items: unknown[] }>(unread)).data.items).toEqual([]);
    // Someone else's notification is not found, in the tenant or across tenants.
    const eve = await person("north");
    expect((await h.call("POST", `/notifications/${id}/read`, eve)).status).toBe(404);
    const mallory = await person("south");
    expect((await h.call("POST", `/notifications/${id}/read`, mallory)).status).toBe(404);
    expect(
      (await json<{ items: unknown[] }>(await h.call("GET", "/notifications", mallory))).data.items,
    ).toEqual([]);
    // The worker's requeue pass and retried jobs never send it twice.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailsTo(mailpit.api, bob.email)).toHaveLength(1);
  });

  it("lose nothing while the SMTP server fails: the e-mail is retried and arrives once it recovers", async () => {
    const carol = await person("north");
    smtp.failing = true;
    const refusedBefore = smtp.refused;
    await sharedWith(carol);
    const failing = await until("failed attempts", async () => {
      const [row] = await rowsFor(carol);
      return row && row.emailAttempts >= 2 ? row : undefined;
    });
    expect(failing.emailStatus).toBe("pending");
    expect(failing.emailError).toMatch(/421/);
    expect(smtp.refused).toBeGreaterThan(refusedBefore);
    expect(await mailsTo(mailpit.api, carol.email)).toEqual([]);

    smtp.failing = false;
    const sent = await until("the e-mail after recovery", async () => {
      const [row] = await rowsFor(carol);
      return row?.emailStatus === "sent" ? row : undefined;
    });
    expect(sent.emailedAt).not.toBeNull();
    expect(
      await until("the message in Mailpit", async () => (await mailsTo(mailpit.api, carol.email))[0]),
    ).toBeDefined();
    expect(await mailsTo(mailpit.api, carol.email)).toHaveLength(1);
  });

  it("follow each user's preference: daily digest, or off", async () => {
    const dave = await person("north");
    const put = await h.call("PUT", "/notifications/preferences", dave, {
      json: {
        preferences: [
          { event_type: "document.shared", mode: "digest" },
          { event_type: "*", mode: "off" },
        ],
      },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    expect((await json<{ preferences: unknown[] }>(put)).data.preferences).toEqual([
      { event_type: "*", mode: "off" },
      { event_type: "document.shared", mode: "digest" },
    ]);
    await sharedWith(dave);
    await sharedWith(dave);
    const rows = await rowsFor(dave);
    expect(rows.map((r) => r.emailStatus)).toEqual(["digest", "digest"]);
    // Other types fall back to "*": off. In-app rows are kept all the same.
    await disposalNotifications(notifier)(dave.tenantId, []);
    const mailer = smtpMailer(smtpConfig());
    if (!mailer) throw new Error("no mailer");
    try {
      expect(await sendDigests(h.fx.dbs, mailer, dave.tenantId)).toBeGreaterThanOrEqual(1);
    } finally {
      mailer.close();
    }
    const digest = await until("the digest", async () => (await mailsTo(mailpit.api, dave.email))[0]);
    expect(digest.Subject).toMatch(/^wspec: 2 notifications since your last digest$/);
    expect((await rowsFor(dave)).map((r) => r.emailStatus)).toEqual(["sent", "sent"]);

    const erin = await person("north");
    await h.call("PUT", "/notifications/preferences", erin, {
      json: { preferences: [{ event_type: "*", mode: "off" }] },
    });
    await sharedWith(erin);
    expect((await rowsFor(erin)).map((r) => r.emailStatus)).toEqual(["off"]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await mailsTo(mailpit.api, erin.email)).toEqual([]);
  });

  it("tell the uploader and compliance officers of a failed check, and admins of a disposal, once", async () => {
    const uploader = await person("north", "document-manager");
    const officer = await person("north", "compliance-officer");
    const admin = await person("north", "tenant-admin");
    const up = await h.uploadRaw(uploader, new TextEncoder().encode(`card data ${tag}`), "text/plain", {
      name: "card-export.txt",
    });
    const documentId = (await json<{ id: string }>(up)).data.id;
    const event = {
      type: "compliance.check_completed" as const,
      tenantId: uploader.tenantId,
      data: {
        document_id: documentId,
        version: 1,
        checks: [{ framework: "PCI_DSS", status: "failed", score: 40 }],
      },
    };
    const failures = complianceFailures(notifier, h.fx.dbs);
    await failures(event);
    await failures(event);
    for (const who of [uploader, officer]) {
      const rows = await rowsFor(who);
      expect(rows.map((r) => [r.type, r.title])).toEqual([
        ["compliance.failed", "Compliance check failed: card-export.txt"],
      ]);
      await until("the compliance e-mail", async () => (await mailsTo(mailpit.api, who.email))[0]);
    }
    expect(await rowsFor(admin)).toEqual([]);

    await disposalNotifications(notifier)(admin.tenantId, [
      { run_id: `run-${tag}`, document: { name: "old-ledger.pdf" } },
      { run_id: `run-${tag}`, document: { name: "old-invoice.pdf" } },
    ]);
    const mail = await until("the disposal e-mail", async () => (await mailsTo(mailpit.api, admin.email))[0]);
    expect(mail.Subject).toBe("Retention: 2 documents disposed of");
    expect(await mailText(mailpit.api, mail.ID)).toContain("- old-ledger.pdf");
  });

  it("tell the uploader and compliance officers of an upload quarantined as infected", async () => {
    const uploader = await person("north");
    const officer = await person("north", "compliance-officer");
    const quarantined = {
      databases: h.fx.dbs,
      webhooks: { databases: h.fx.dbs, queue: { enqueue: async () => {} } },
      onQuarantined: quarantineNotifications(notifier, logger),
    };
    const upload = {
      tenantId: uploader.tenantId,
      actor: { actorType: "user" as const, actorId: uploader.id, requestId: `req-${tag}` },
      name: "payload.exe.txt",
      contentType: "text/plain",
      sha256: "0".repeat(64),
      size: 68,
      signature: "Eicar-Test-Signature",
    };
    await recordRefusedUpload(quarantined, upload);
    await recordRefusedUpload(quarantined, upload);
    for (const who of [uploader, officer]) {
      expect((await rowsFor(who)).map((r) => r.title)).toEqual(["Upload quarantined: payload.exe.txt"]);
      const mail = await until(
        "the quarantine e-mail",
        async () => (await mailsTo(mailpit.api, who.email))[0],
      );
      expect(await mailText(mailpit.api, mail.ID)).toContain("Eicar-Test-Signature");
    }
  });

  it("answer bad input with a 400 naming the field, and refuse API keys", async () => {
    const frank = await person("north");
    const cases: [string, string, unknown, string][] = [
      ["GET", "/notifications?limit=0", undefined, "limit"],
      ["GET", "/notifications?limit=101", undefined, "limit"],
      ["GET", "/notifications?unread=maybe", undefined, "unread"],
      ["GET", "/notifications?cursor=not-a-cursor", undefined, "cursor"],
      ["GET", "/notifications?user_id=someone", undefined, "user_id"],
      ["POST", "/notifications/not-a-uuid/read", undefined, "id"],
      ["PUT", "/notifications/preferences", {}, "preferences"],
      ["PUT", "/notifications/preferences", { preferences: [] }, "preferences"],
      [
        "PUT",
        "/notifications/preferences",
        { preferences: [{ event_type: "*", mode: "weekly" }] },
        "preferences.0.mode",
      ],
      [
        "PUT",
        "/notifications/preferences",
        { preferences: [{ event_type: "everything", mode: "off" }] },
        "preferences.0.event_type",
      ],
      [
        "PUT",
        "/notifications/preferences",
        {
          preferences: [
            { event_type: "*", mode: "off" },
            { event_type: "*", mode: "digest" },
          ],
        },
        "preferences.1.event_type",
      ],
      [
        "PUT",
        "/notifications/preferences",
        { preferences: [{ event_type: "*", mode: "off", to: "x" }] },
        "preferences.0.to",
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await h.call(method, path, frank, body === undefined ? {} : { json: body });
      // 400 from the schema; 422 (VALIDATION_ERROR) for what the handler finds (a forged cursor, a duplicate).
      expect([400, 422], `${method} ${path} ${JSON.stringify(body)}: ${res.status}`).toContain(res.status);
      const err = (await json<unknown>(res)).error;
      expect(
        err.details.map((d) => d.field),
        JSON.stringify(err),
      ).toContain(field);
    }
    const key = await h.call("GET", "/notifications", h.apiKeys.north);
    expect([401, 403]).toContain(key.status);
    expect((await h.call("GET", "/notifications", undefined)).status).toBe(401);
  });
});
