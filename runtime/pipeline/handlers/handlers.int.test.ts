// The whole pipeline on real Redis and PostgreSQL with the real step handlers: a PDF, a DOCX and a
// text file are extracted, classified, scanned for personal data, standardized, checked, indexed
// and announced; the processing record and the document's status follow; an unreadable PDF fails
// its first step with the reason on record.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document as Docx, Packer, Paragraph, TextRun } from "docx";
import { and, eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../../scripts/env/index.ts";
import { MemoryClassifierStore, TenantClassifier } from "../../ai/classify/index.ts";
import { type AuthFixture, authFixture } from "../../auth/stores/testing.ts";
import { complianceChecks, documentAnalyses, documentProcessing } from "../../db/schema/index.ts";
import { queueConnection } from "../../queues.ts";
import { LocalStorageDriver } from "../../storage/index.ts";
import { Pipeline, type PipelineWorker, startPipelineWorker } from "../index.ts";
import { databaseStepRecorder } from "../record/index.ts";
import { PIPELINE_STEPS } from "../steps.ts";
import { type PipelineEvent, pipelineHandlers } from "./index.ts";
import { settledDocument, storeDocument } from "./testing.ts";

let fx: AuthFixture;
let pipeline: Pipeline;
let worker: PipelineWorker;
const events: PipelineEvent[] = [];
const storage = new LocalStorageDriver({ root: mkdtempSync(join(tmpdir(), "wspec-pipeline-store-")) });
const prefix = `wspec-handlers-${process.pid}-${Date.now()}`;
const CARD = "4111 1111 1111 1111";
const LOAN = [
  "LOAN AGREEMENT",
  "This term loan agreement is made between Northwind Bank (the Lender) and Ada Lovelace (the Borrower).",
  "The Lender agrees to lend the principal amount of EUR 250,000 to the Borrower.",
  "Interest accrues at a fixed rate of 4.5 percent per annum, payable monthly.",
  "The Borrower shall repay the loan in 60 monthly instalments. Events of default include non-payment.",
  `Repayments are collected from the card on file ${CARD}.`,
  "This agreement is governed by the laws of England and Wales. Signed by both parties.",
];
const INVOICE = [
  "INVOICE No. 2024-0042",
  "Bill To: Ada Lovelace, ada@example.com",
  "Description of services: consulting, 12 hours at USD 100.00",
  "Subtotal USD 1,200.00, VAT 0%, Total amount due USD 1,200.00",
  "Payment terms: net 30 days. Please pay by bank transfer.",
  `Paid by card ${CARD}`,
];
const classifier = new TenantClassifier({ store: new MemoryClassifierStore() });

async function pdfOf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 40, y: 760 - i * 16, size: 11, font });
  return doc.save();
}

async function docxOf(lines: string[]): Promise<Uint8Array> {
  const doc = new Docx({
    sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const stored = (tenant: string, name: string, contentType: string, bytes: Uint8Array) =>
  storeDocument(fx, storage, fx.tenantId(tenant), name, contentType, bytes);

const settled = (ref: { tenantId: string; documentId: string }, timeoutMs = 30_000) =>
  settledDocument(fx, ref, timeoutMs);

beforeAll(async () => {
  fx = await authFixture(["acme"]);
  const env = await loadLocalEnv();
  const connection = queueConnection(env.redis.url);
  pipeline = new Pipeline({ connection, prefix, attempts: 2 });
  worker = startPipelineWorker({
    connection,
    prefix,
    attempts: 2,
    recorder: databaseStepRecorder(fx.dbs),
    logger: pino({ level: "silent" }),
    backoff: { baseMs: 20, capMs: 50 },
    handlers: pipelineHandlers({
      databases: fx.dbs,
      storage,
      // The real default model (runtime/ai/classify), as the worker uses it.
      classify: async (tenant, text) => {
        const { label, confidence, model } = await classifier.classify(tenant, text);
        return { label, confidence, model };
      },
      policyFor: () => ({ frameworks: ["PCI-DSS", "GDPR"], pii: "flag", documentRules: [] }),
      notify: async (event) => {
        events.push(event);
        return 1;
      },
    }),
  });
});
afterAll(async () => {
  await worker?.close();
  await pipeline?.queue.obliterate({ force: true });
  await pipeline?.close();
  await fx?.close();
});

describe("the pipeline's steps on stored documents", () => {
  it.each([
    ["PDF", "application/pdf", () => pdfOf(LOAN)],
    ["DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", () => docxOf(LOAN)],
    ["text", "text/plain", async () => new TextEncoder().encode(INVOICE.join("\n"))],
  ])("take a %s from upload to ready", async (_kind, contentType, bytes) => {
    const ref = await stored("acme", `doc-${_kind}`, contentType, await bytes());
    await pipeline.enqueue(ref);
    const doc = await settled(ref);
    expect(doc.status).toBe("ready");
    expect(doc.extractedText).toContain("1111");
    const { steps, analysis, checks } = await fx.dbs.withTenant(ref.tenantId, async (tx) => ({
      steps: await tx
        .select()
        .from(documentProcessing)
        .where(eq(documentProcessing.documentId, ref.documentId)),
      analysis: (
        await tx.select().from(documentAnalyses).where(eq(documentAnalyses.documentId, ref.documentId))
      )[0],
      checks: await tx
        .select()
        .from(complianceChecks)
        .where(and(eq(complianceChecks.documentId, ref.documentId), eq(complianceChecks.documentVersion, 1))),
    }));
    expect(steps.map((s) => [s.step, s.status, s.attempts]).sort()).toEqual(
      PIPELINE_STEPS.map((s) => [s, "succeeded", 1]).sort(),
    );
    expect(doc.classification).toBe(contentType === "text/plain" ? "invoice" : "loan_agreement");
    // Personal data is recorded by type, place and masked preview, never by value.
    const card = analysis?.entities?.find((e) => e.type === "credit_card");
    expect(card).toMatchObject({ personal: true });
    expect(JSON.stringify(analysis?.entities)).not.toContain("4111 1111 1111 1111");
    expect(checks.map((c) => c.framework).sort()).toEqual(["GDPR", "PCI_DSS"]);
    const pci = checks.find((c) => c.framework === "PCI_DSS");
    expect(pci?.status).toBe("failed");
    expect(JSON.stringify(pci?.findings)).toMatch(/card/i);
    expect(events.filter((e) => e.data.document_id === ref.documentId).map((e) => e.type)).toEqual([
      "ai.processing_completed",
      "compliance.check_completed",
    ]);
  });

  it("fail an unreadable PDF at its first step, once, with the reason on the document's record", async () => {
    const ref = await stored(
      "acme",
      "broken.pdf",
      "application/pdf",
      new TextEncoder().encode("%PDF-1.7 but nothing after"),
    );
    await pipeline.enqueue(ref);
    const doc = await settled(ref);
    expect(doc.status).toBe("failed");
    const steps = await fx.dbs.withTenant(ref.tenantId, (tx) =>
      tx.select().from(documentProcessing).where(eq(documentProcessing.documentId, ref.documentId)),
    );
    expect(steps.map((s) => ({ step: s.step, status: s.status, attempts: s.attempts }))).toEqual([
      { step: "extract", status: "failed", attempts: 1 },
    ]);
    expect(steps[0]?.lastError).toMatch(/^the document is not readable as application\/pdf/);
  });
});
