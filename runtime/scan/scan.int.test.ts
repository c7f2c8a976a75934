// Virus scanning on the upload path, end to end on real services: the document routes with the
// runtime's document hooks, a real clamd (a private one, so this file can stop and start it while
// other tests use the environment's), real PostgreSQL and real storage. The worker's retry is the
// real rescan pass. Tenant north fails closed (the default); south's profile allows fail open.
import { and, eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PrivateClamd, startPrivateClamd } from "../../scripts/env/clamd.ts";
import { verifyAudit } from "../audit/index.ts";
import {
  auditLogs,
  type Document,
  documents,
  webhookDeliveries,
  webhookEndpoints,
} from "../db/schema/index.ts";
import { documentHooks } from "../document-hooks.ts";
import type { DocumentHooks } from "../documents/events.ts";
import { type Caller, type DocumentHarness, documentHarness } from "../documents/testing/index.ts";
import type { TenantPolicy } from "../pipeline/handlers/index.ts";
import { PIPELINE_STEPS } from "../pipeline/index.ts";
import { databaseStepRecorder } from "../pipeline/record/index.ts";
import { isObjectNotFound } from "../storage/index.ts";
import { ClamdClient, parseClamdAddress } from "./clamd-client.ts";
import { rescanTenant, startRescanner } from "./rescan.ts";
import { EICAR, MALWARE_MARKER, unofficial } from "./testing.ts";

let h: DocumentHarness;
let clamd: PrivateClamd;
let scanner: ClamdClient;
const enqueued: { tenantId: string; documentId: string; version: number }[] = [];
const queued: unknown[] = [];
const logger = pino({ level: "silent" });
const EICAR_NAME = unofficial("Eicar-Test-Signature");

const webhooks = () => ({
  databases: h.fx.dbs,
  queue: { enqueue: async (job: unknown) => void queued.push(job) },
});
const rescan = (tenantId: string) =>
  rescanTenant(
    {
      databases: h.fx.dbs,
      storage: h.driver,
      client: { scan: (s) => scanner.scan(s) },
      webhooks: webhooks(),
      enqueue: async (ref) => void enqueued.push(ref),
      logger,
    },
    tenantId,
  );

beforeAll(async () => {
  clamd = await startPrivateClamd({ streamMaxLength: "1M" });
  const address = parseClamdAddress(clamd.address).val;
  if (!address) throw new Error(`bad address ${clamd.address}`);
  // Short timeouts: a stopped scanner is noticed at once (connection refused) anyway.
  scanner = new ClamdClient({ address, connectTimeoutMs: 1000, idleTimeoutMs: 10_000 });
  let hooks: DocumentHooks | undefined;
  h = await documentHarness({
    deps: {
      hooks: {
        screen: (input) => hooks?.screen?.(input) ?? Promise.resolve(undefined),
        onEvent: (e) => hooks?.onEvent?.(e) ?? Promise.resolve(),
      },
    },
  });
  const south = h.fx.tenantId("south");
  hooks = documentHooks({
    pipeline: { enqueue: async (ref) => void enqueued.push(ref) },
    webhooks: webhooks(),
    policyFor: (tenantId): TenantPolicy => ({
      frameworks: [],
      pii: "flag",
      documentRules: [],
      virusScanFailOpen: tenantId === south,
    }),
    logger,
    // The scanner may be swapped by a test (a known StreamMaxLength).
    scanner: {
      scan: (s) => scanner.scan(s),
      get streamMaxBytes() {
        return scanner.streamMaxBytes;
      },
    },
  });
  // Each tenant subscribes to quarantine events, so the webhook's delivery rows can be read.
  for (const tenant of ["north", "south"] as const) {
    const tenantId = h.fx.tenantId(tenant);
    await h.fx.dbs.withTenant(tenantId, (tx) =>
      tx.insert(webhookEndpoints).values({
        tenantId,
        url: "https://hooks.example.test/wspec",
        eventTypes: ["document.quarantined"],
        secrets: [],
      }),
    );
  }
});
afterAll(async () => {
  await clamd?.close();
  await h?.close();
});
beforeEach(async () => {
  await clamd.start();
  scanner = new ClamdClient({ address: scanner.address, connectTimeoutMs: 1000, idleTimeoutMs: 10_000 });
});

const text = (s: string) => new TextEncoder().encode(s);
const unique = (what: string) => `${what} ${crypto.randomUUID()}\n`;

async function uploadText(who: Caller, body: Uint8Array, name = "memo.txt") {
  const res = await h.uploadRaw(who, body, "text/plain", { name });
  return {
    res,
    body: (await res.json()) as {
      data: { id: string; status: string; virus_scan: string | null };
      error?: ErrorBody;
    },
  };
}
interface ErrorBody {
  code: string;
  message: string;
  details: { field: string; message: string }[];
}

async function row(tenantId: string, id: string): Promise<Document> {
  const [doc] = await h.fx.dbs.withTenant(tenantId, (tx) =>
    tx.select().from(documents).where(eq(documents.id, id)),
  );
  if (!doc) throw new Error(`document ${id} not found`);
  return doc;
}

async function quarantineRecords(tenantId: string, signature: string) {
  return h.fx.dbs.withTenant(tenantId, async (tx) => ({
    audit: (
      await tx
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.tenantId, tenantId), eq(auditLogs.action, "document.quarantined")))
    ).filter((r) => r.metadata.signature === signature),
    deliveries: (
      await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, "document.quarantined"))
    ).filter((d) => d.payload.data.signature === signature),
  }));
}

/** A real PDF whose attachment (a compressed embedded file) carries the test marker. */
async function pdfCarrying(marker: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText("Invoice 2291: see the attached note", {
    x: 50,
    y: 700,
    size: 12,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  await pdf.attach(new TextEncoder().encode(`note: ${marker}\n`), "note.txt", { mimeType: "text/plain" });
  return pdf.save();
}

describe("virus scanning of uploads", () => {
  it("refuses an EICAR upload naming the signature; nothing of it reaches storage; audited and announced", async () => {
    const admin = h.users.north["tenant-admin"];
    const before = await h.counts();
    const { res, body } = await uploadText(admin, EICAR, "eicar.txt");
    expect(res.status).toBe(422);
    expect(body.error).toEqual({
      code: "UNPROCESSABLE_ENTITY",
      message: `upload refused: the virus scanner found ${EICAR_NAME}; nothing was stored`,
      details: [{ field: "file", message: `infected: ${EICAR_NAME}` }],
    });
    expect(await h.counts()).toEqual(before);

    const { audit, deliveries } = await quarantineRecords(admin.tenantId, EICAR_NAME);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "user", actorId: admin.id, resourceId: null });
    expect(audit[0]?.metadata).toMatchObject({
      name: "eicar.txt",
      size_bytes: 68,
      found: "upload",
      stored: false,
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.payload).toMatchObject({
      type: "document.quarantined",
      data: { document_id: null, name: "eicar.txt", signature: EICAR_NAME, stored: false },
    });
    const verified = await h.fx.dbs.withTenant(admin.tenantId, (tx) => verifyAudit(tx, admin.tenantId));
    expect(verified.ok).toBe(true);
  });

  it("finds malware inside a real PDF's compressed attachment, as multipart or raw, and stores nothing", async () => {
    const admin = h.users.north["document-manager"];
    const pdf = await pdfCarrying(MALWARE_MARKER);
    // The marker is not in the file's bytes as such: clamd finds it by inflating the PDF's streams.
    expect(Buffer.from(pdf).includes(MALWARE_MARKER)).toBe(false);
    const before = await h.counts();
    const multipart = await h.uploadMultipart(admin, pdf, {
      filename: "invoice.pdf",
      type: "application/pdf",
    });
    expect(multipart.status).toBe(422);
    expect(((await multipart.json()) as { error: ErrorBody }).error.details).toEqual([
      { field: "file", message: `infected: ${unofficial("Wspec.Test.Marker")}` },
    ]);
    const raw = await h.uploadRaw(admin, pdf, "application/pdf", { name: "invoice.pdf" });
    expect(raw.status).toBe(422);
    expect(await h.counts()).toEqual(before);
  });

  it("stores and serves a clean upload, marked clean", async () => {
    const admin = h.users.north["tenant-admin"];
    const bytes = text(unique("Quarterly memo: revenue grew in every region."));
    const { res, body } = await uploadText(admin, bytes);
    expect(res.status).toBe(201);
    expect([body.data.status, body.data.virus_scan]).toEqual(["uploaded", "clean"]);
    expect((await row(admin.tenantId, body.data.id)).virusScan).toBe("clean");
    const got = await h.call("GET", `/documents/${body.data.id}/content`, admin);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    expect(enqueued.some((r) => r.documentId === body.data.id)).toBe(true);
  });

  it("holds uploads in pending_scan while clamd is stopped, serves nothing of them, and completes them when it is back", async () => {
    const admin = h.users.north["tenant-admin"];
    const bytes = text(unique("Board minutes: the committee approved the budget."));
    await clamd.stop();

    const clean = await uploadText(admin, bytes, "minutes.txt");
    expect(clean.res.status).toBe(201);
    expect([clean.body.data.status, clean.body.data.virus_scan]).toEqual(["pending_scan", "pending"]);
    const infected = await uploadText(
      admin,
      Buffer.concat([Buffer.from(unique("cover letter")), EICAR]),
      "x.txt",
    );
    expect(infected.body.data.status).toBe("pending_scan");
    const id = clean.body.data.id;

    // Visible as pending_scan; its bytes, its text and new versions are refused; no pipeline yet.
    const listed = await h.call("GET", "/documents?status=pending_scan", admin);
    const items = ((await listed.json()) as { data: { items: { id: string; status: string }[] } }).data.items;
    expect(items.find((d) => d.id === id)?.status).toBe("pending_scan");
    const download = await h.call("GET", `/documents/${id}/content`, admin);
    expect(download.status).toBe(409);
    expect(download.headers.get("retry-after")).toBe("30");
    expect(((await download.json()) as { error: ErrorBody }).error.message).toBe(
      `document ${id} is waiting for its virus scan (status pending_scan): its content is served once the scan finds it clean`,
    );
    expect((await h.call("GET", `/documents/${id}/versions/1/content`, admin)).status).toBe(409);
    const version = await h.uploadRaw(admin, text("v2"), "text/plain", {}, `/documents/${id}/versions`);
    expect(version.status).toBe(409);
    expect(enqueued.some((r) => r.documentId === id)).toBe(false);

    // The worker's retry while clamd is still down: it stops, nothing changes.
    const early = await rescan(admin.tenantId);
    expect(early.unavailable).toMatch(/ECONNREFUSED/);
    expect((await row(admin.tenantId, id)).status).toBe("pending_scan");

    await clamd.start();
    const report = await rescan(admin.tenantId);
    expect(report).toMatchObject({ clean: 1, infected: 1, failed: 0 });
    expect(report.unavailable).toBeUndefined();

    const done = await row(admin.tenantId, id);
    expect([done.status, done.virusScan]).toEqual(["uploaded", "clean"]);
    const served = await h.call("GET", `/documents/${id}/content`, admin);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    expect(enqueued).toContainEqual({ tenantId: admin.tenantId, documentId: id, version: 1 });

    const bad = await row(admin.tenantId, infected.body.data.id);
    expect([bad.status, bad.virusScan, bad.virusSignature]).toEqual(["quarantined", "infected", EICAR_NAME]);
    const gone = await h.driver.get(bad.storageKey).catch((e: unknown) => e);
    expect(isObjectNotFound(gone)).toBe(true);
    const refused = await h.call("GET", `/documents/${bad.id}/content`, admin);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: ErrorBody }).error.message).toBe(
      `document ${bad.id} is quarantined: the virus scanner found malware (${EICAR_NAME}) and its content was deleted`,
    );
    const { audit, deliveries } = await quarantineRecords(admin.tenantId, EICAR_NAME);
    expect(audit.filter((a) => a.resourceId === bad.id)).toHaveLength(1);
    expect(deliveries.filter((d) => d.payload.data.document_id === bad.id)).toHaveLength(1);

    // A second pass finds nothing left to do.
    expect(await rescan(admin.tenantId)).toEqual({ clean: 0, infected: 0, failed: 0 });
  });

  it("completes held uploads with no manual step: the worker's timed passes pick them up once clamd is back", async () => {
    const admin = h.users.north["document-manager"];
    await clamd.stop();
    const { body } = await uploadText(admin, text(unique("Insurance claim 4410")), "claim.txt");
    expect(body.data.status).toBe("pending_scan");
    const rescanner = startRescanner({
      databases: h.fx.dbs,
      storage: h.driver,
      client: { scan: (s) => scanner.scan(s) },
      webhooks: webhooks(),
      enqueue: async (ref) => void enqueued.push(ref),
      logger,
      tenants: () => [admin.tenantId],
      intervalMs: 200,
    });
    try {
      await clamd.start();
      const deadline = Date.now() + 60_000;
      while ((await row(admin.tenantId, body.data.id)).status === "pending_scan") {
        if (Date.now() > deadline) throw new Error("still pending_scan 60 s after clamd came back");
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await rescanner.stop();
    }
    expect((await row(admin.tenantId, body.data.id)).virusScan).toBe("clean");
    expect((await h.call("GET", `/documents/${body.data.id}/content`, admin)).status).toBe(200);
  });

  it("refuses a new version while clamd is down (fail closed), keeping the current one", async () => {
    const admin = h.users.north["tenant-admin"];
    const { body } = await uploadText(admin, text(unique("Lease agreement v1")));
    await clamd.stop();
    const res = await h.uploadRaw(
      admin,
      text(unique("Lease agreement v2")),
      "text/plain",
      {},
      `/documents/${body.data.id}/versions`,
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(((await res.json()) as { error: ErrorBody }).error.details).toEqual([
      { field: "file", message: "not scanned: the virus scanner is unavailable" },
    ]);
    expect((await row(admin.tenantId, body.data.id)).currentVersion).toBe(1);
  });

  it("serves uploads unscanned when the profile allows fail open, and scans them once clamd is back", async () => {
    const admin = h.users.south["tenant-admin"];
    await clamd.stop();
    const ok = await uploadText(admin, text(unique("Purchase order 7781")), "po.txt");
    expect(ok.res.status).toBe(201);
    expect([ok.body.data.status, ok.body.data.virus_scan]).toEqual(["uploaded", "unscanned"]);
    expect((await row(admin.tenantId, ok.body.data.id)).virusScan).toBe("unscanned");
    expect((await h.call("GET", `/documents/${ok.body.data.id}/content`, admin)).status).toBe(200);
    const bad = await uploadText(admin, Buffer.concat([Buffer.from(unique("po")), EICAR]), "po2.txt");
    expect(bad.body.data.status).toBe("uploaded");
    // A new version too: accepted, and its document marked for the next pass.
    const served = await uploadText(admin, text(unique("Purchase order 7782")), "po3.txt");
    await clamd.start();
    await rescan(admin.tenantId);
    await clamd.stop();
    const v2 = await h.uploadRaw(
      admin,
      text(unique("Purchase order 7782, amended")),
      "text/plain",
      {},
      `/documents/${served.body.data.id}/versions`,
    );
    expect(v2.status).toBe(201);
    expect((await row(admin.tenantId, served.body.data.id)).virusScan).toBe("unscanned");

    await clamd.start();
    expect(await rescan(admin.tenantId)).toMatchObject({ clean: 1, infected: 0 }); // the new version
    expect((await row(admin.tenantId, served.body.data.id)).virusScan).toBe("clean");
    expect((await row(admin.tenantId, ok.body.data.id)).virusScan).toBe("clean");
    expect((await row(admin.tenantId, bad.body.data.id)).status).toBe("quarantined");
    expect((await h.call("GET", `/documents/${bad.body.data.id}/content`, admin)).status).toBe(409);
    // A pipeline run that was already under way (fail open) cannot make it look servable again.
    const recorder = databaseStepRecorder(h.fx.dbs);
    const ref = { tenantId: admin.tenantId, documentId: bad.body.data.id, version: 1 };
    await recorder.started(ref, PIPELINE_STEPS[0], 1);
    await recorder.succeeded(
      ref,
      PIPELINE_STEPS[PIPELINE_STEPS.length - 1] as (typeof PIPELINE_STEPS)[number],
      {},
    );
    expect((await row(admin.tenantId, bad.body.data.id)).status).toBe("quarantined");
  });

  it("answers an upload longer than clamd's StreamMaxLength with 413, storing nothing", async () => {
    const admin = h.users.north["tenant-admin"];
    const big = Buffer.alloc(1536 * 1024, "a"); // 1.5 MiB > StreamMaxLength 1M
    const before = await h.counts();
    // clamd's own limit, learnt from its answer (or from it cutting the stream).
    const cut = await uploadText(admin, big, "big.txt");
    expect(cut.res.status).toBe(413);
    expect(cut.body.error?.message).toBe(
      `upload refused: ${big.length} bytes is more than the virus scanner accepts (its StreamMaxLength), and unscanned files are not stored; nothing was stored`,
    );
    // The limit configured (CLAMD_STREAM_MAX_BYTES): refused before a byte is sent.
    scanner = new ClamdClient({ address: scanner.address, streamMaxBytes: 1024 * 1024 });
    const known = await uploadText(admin, big, "big.txt");
    expect(known.res.status).toBe(413);
    expect(known.body.error?.details).toEqual([
      { field: "file", message: "at most 1048576 bytes can be virus-scanned" },
    ]);
    expect(await h.counts()).toEqual(before);
  });

  it("still refuses a zero-byte upload as empty, scanner or not", async () => {
    const admin = h.users.north["tenant-admin"];
    const before = await h.counts();
    const { res, body } = await uploadText(admin, new Uint8Array(0), "empty.txt");
    expect(res.status).toBe(422);
    expect(body.error?.details).toEqual([{ field: "file", message: "must not be empty" }]);
    expect(await h.counts()).toEqual(before);
  });
});
