// Review finding (issue 16), through the real pipeline on Redis and PostgreSQL: a DOCX bomb, a
// malformed DOCX, a document over the extraction size limit and NUL-laden "text" each fail their
// extract step once, with a reason naming the limit on the document's record, while the worker
// process goes on and the ordinary documents queued beside them become ready.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document as Docx, Packer, Paragraph, TextRun } from "docx";
import { eq } from "drizzle-orm";
import { unzipSync, Zip, ZipDeflate, ZipPassThrough } from "fflate";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../../scripts/env/index.ts";
import { type AuthFixture, authFixture } from "../../auth/stores/testing.ts";
import { documentProcessing } from "../../db/schema/index.ts";
import { queueConnection } from "../../queues.ts";
import { LocalStorageDriver } from "../../storage/index.ts";
import { Pipeline, type PipelineWorker, startPipelineWorker } from "../index.ts";
import { databaseStepRecorder } from "../record/index.ts";
import { pipelineHandlers } from "./index.ts";
import { settledDocument, storeDocument } from "./testing.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MAX_BYTES = 256 * 1024;
let fx: AuthFixture;
let pipeline: Pipeline;
let worker: PipelineWorker;
const storage = new LocalStorageDriver({ root: mkdtempSync(join(tmpdir(), "wspec-limits-store-")) });
const prefix = `wspec-limits-${process.pid}-${Date.now()}`;
const utf8 = (s: string) => new TextEncoder().encode(s);

async function docxOf(text: string): Promise<Uint8Array> {
  const doc = new Docx({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A real DOCX whose document.xml expands to `xmlBytes` (~1000-fold), deflated as a stream. */
async function bomb(xmlBytes: number): Promise<Uint8Array> {
  const parts = unzipSync(await docxOf("cover"));
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [name, data] of Object.entries(parts)) {
    if (name === "word/document.xml") continue;
    const f = new ZipPassThrough(name);
    zip.add(f);
    f.push(data, true);
  }
  const xml = new ZipDeflate("word/document.xml", { level: 9 });
  zip.add(xml);
  xml.push(
    utf8(
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
    ),
  );
  const chunk = new Uint8Array(1024 * 1024).fill(0x61);
  for (let left = xmlBytes; left > 0; left -= chunk.length) xml.push(chunk);
  xml.push(utf8("</w:t></w:r></w:p></w:body></w:document>"), true);
  zip.end();
  return Buffer.concat(out);
}

const stored = (name: string, contentType: string, bytes: Uint8Array) =>
  storeDocument(fx, storage, fx.tenantId("acme"), name, contentType, bytes);

const settled = (ref: { tenantId: string; documentId: string }, timeoutMs = 60_000) =>
  settledDocument(fx, ref, timeoutMs);

beforeAll(async () => {
  fx = await authFixture(["acme"]);
  const connection = queueConnection((await loadLocalEnv()).redis.url);
  pipeline = new Pipeline({ connection, prefix, attempts: 2 });
  worker = startPipelineWorker({
    connection,
    prefix,
    attempts: 2,
    concurrency: 4,
    recorder: databaseStepRecorder(fx.dbs),
    logger: pino({ level: "silent" }),
    backoff: { baseMs: 20, capMs: 50 },
    handlers: pipelineHandlers({
      databases: fx.dbs,
      storage,
      maxBytes: MAX_BYTES,
      classify: async () => ({ label: "other", confidence: 1, model: "test" }),
      policyFor: () => ({ frameworks: ["GDPR"], pii: "flag", documentRules: [] }),
      notify: async () => 0,
    }),
  });
}, 60_000);
afterAll(async () => {
  await worker?.close();
  await pipeline?.queue.obliterate({ force: true });
  await pipeline?.close();
  await fx?.close();
});

describe("hostile documents in the pipeline", () => {
  it("each fails alone at extract, naming the limit; the documents beside them become ready", async () => {
    const nul = new Uint8Array(8192);
    nul.set(utf8("looks like text"));
    const cases = [
      [
        "bomb.docx",
        DOCX,
        await bomb(100 * 1024 * 1024),
        /entry word\/document\.xml expands to \d+ bytes; at most 67108864 allowed per entry$/,
      ],
      ["broken.docx", DOCX, utf8("PK but not a zip"), /: not a valid zip archive/],
      [
        "huge.txt",
        "text/plain",
        new Uint8Array(MAX_BYTES + 1).fill(0x61),
        new RegExp(`; text is extracted from at most ${MAX_BYTES}$`),
      ],
      ["nul.txt", "text/plain", nul, /8177 of its 8192 bytes are NUL; text may hold at most 1%$/],
    ] as const;
    const hostile = await Promise.all(cases.map(([name, type, bytes]) => stored(name, type, bytes)));
    const fine = await Promise.all([
      stored("ok.txt", "text/plain", utf8("Service agreement between A and B")),
      stored("ok.docx", DOCX, await docxOf("Master services agreement")),
    ]);
    for (const ref of [...hostile, ...fine]) await pipeline.enqueue(ref);

    for (const [i, ref] of hostile.entries()) {
      const doc = await settled(ref);
      const steps = await fx.dbs.withTenant(ref.tenantId, (tx) =>
        tx.select().from(documentProcessing).where(eq(documentProcessing.documentId, ref.documentId)),
      );
      expect([doc.name, doc.status]).toEqual([cases[i]?.[0], "failed"]);
      // Once: a limit is the document's, not a transient failure worth retrying.
      expect(steps.map((s) => [s.step, s.status, s.attempts])).toEqual([["extract", "failed", 1]]);
      expect(steps[0]?.lastError).toMatch(cases[i]?.[3] ?? /never/);
    }
    for (const ref of fine) expect((await settled(ref)).status).toBe("ready");
  }, 120_000);
});
