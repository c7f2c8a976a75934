// Review finding (issue 16): a 200 KB DOCX could expand to gigabytes inside mammoth on the API's
// event loop. Every extractor now runs in a worker thread with memory and time limits, and zip
// containers are checked (declared and actual sizes, ratio, entries) before their parser sees
// them. Each hostile document fails alone, naming the limit; the others are still extracted.
import { Document, Packer, Paragraph, TextRun } from "docx";
import { unzipSync, Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { ExtractionLimitError, ExtractorPool, extractText, UnreadableDocumentError } from "./index.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MiB = 1024 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s);

async function docxOf(text: string): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * A real DOCX whose word/document.xml is replaced by `xmlBytes` of one repeated character inside a
 * paragraph, deflated as a stream (never held whole): ~1000-fold, so 200 MiB packs into ~200 KB.
 */
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
  const doc = new ZipDeflate("word/document.xml", { level: 9 });
  zip.add(doc);
  const head = utf8(
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
  );
  const tail = utf8("</w:t></w:r></w:p></w:body></w:document>");
  doc.push(head);
  const chunk = new Uint8Array(MiB).fill(0x61);
  for (let left = xmlBytes - head.length - tail.length; left > 0; left -= MiB) {
    doc.push(left >= MiB ? chunk : chunk.subarray(0, left));
  }
  doc.push(tail, true);
  zip.end();
  return Buffer.concat(out);
}

/** Rewrites the central directory's uncompressed size of `name`: a directory that lies. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = new Uint8Array(zip);
  const view = new DataView(copy.buffer);
  for (let i = 0; i + 46 < copy.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(copy.subarray(i + 46, i + 46 + nameLength)) === name) {
      view.setUint32(i + 24, size, true);
      return copy;
    }
  }
  throw new Error(`${name} not in the central directory`);
}

const limitOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExtractionLimitError);
  return err as ExtractionLimitError;
};

const pools: ExtractorPool[] = [];
const pool = (opts: ConstructorParameters<typeof ExtractorPool>[0] = {}) => {
  const p = new ExtractorPool(opts);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("zip containers are checked before parsing", () => {
  it("a 200 MiB document.xml packed into a few hundred KB is refused at the entry limit", async () => {
    const bytes = await bomb(200 * MiB);
    expect(bytes.length).toBeLessThan(400 * 1024);
    const err = await limitOf(extractText(bytes, DOCX));
    expect(err.limit).toBe("maxEntryBytes");
    expect(err.message).toMatch(
      /^the document is not readable as .*wordprocessingml\.document: entry word\/document\.xml expands to 209715200 bytes; at most 67108864 allowed per entry$/,
    );
  }, 60_000); // deflating 200 MiB to build the bomb takes seconds on a busy machine

  it("an entry under the size limits but expanding ~1000-fold is refused at the ratio limit", async () => {
    const err = await limitOf(extractText(await bomb(40 * MiB), DOCX));
    expect([err.limit, err.message]).toEqual([
      "maxRatio",
      expect.stringMatching(/entry word\/document\.xml expands \d+-fold .*; at most 100-fold allowed$/),
    ]);
  }, 60_000);

  it("a directory that declares a small size is caught while inflating, at the declared size", async () => {
    const lying = declareSize(await bomb(40 * MiB), "word/document.xml", 4096);
    const err = await limitOf(extractText(lying, DOCX));
    expect([err.limit, err.detail]).toEqual([
      "declaredSize",
      "entry word/document.xml expands beyond the 4096 bytes the archive declares",
    ]);
  }, 60_000);

  it("a truncated archive is unreadable, not a crash", async () => {
    const whole = await docxOf("cut short");
    const err = await extractText(whole.subarray(0, whole.length - 40), DOCX).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect((err as Error).message).toMatch(/^the document is not readable as .*: not a valid zip archive/);
  });

  it("an ordinary DOCX still reads", async () => {
    expect((await extractText(await docxOf("Master services agreement"), DOCX)).text).toContain(
      "Master services agreement",
    );
  });
});

describe("worker threads with limits", () => {
  it("NUL-laden text is refused naming the limit", async () => {
    const bytes = new Uint8Array(4096);
    bytes.set(utf8("looks like text"));
    const err = await limitOf(extractText(bytes, "text/plain"));
    expect([err.limit, err.detail]).toEqual([
      "maxNulShare",
      "4081 of its 4096 bytes are NUL; text may hold at most 1%",
    ]);
  });

  it("a document over the input limit is refused before any thread sees it", async () => {
    const err = await limitOf(pool({ maxInputBytes: 1024 }).run(new Uint8Array(2048), "text/plain"));
    expect([err.limit, err.detail]).toEqual([
      "maxInputBytes",
      "the document is 2048 bytes; text is extracted from at most 1024",
    ]);
  });

  it("parsing runs off the event loop: timers keep firing while a large HTML is converted", async () => {
    const html = utf8(`<html><body>${"<p>Quarterly <b>report</b> line</p>".repeat(150_000)}</body></html>`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const { text } = await extractText(html, "text/html");
      expect(text).toContain("Quarterly report line");
    } finally {
      clearInterval(timer);
    }
    // In-thread, html-to-text is synchronous: not one timer would fire before it finished.
    expect(ticks).toBeGreaterThan(0);
  });

  it("a document that outgrows the thread's heap fails alone; the other documents are extracted", async () => {
    const p = pool({ size: 2, maxMemoryMb: 64 });
    const heavy = utf8(JSON.stringify(Array.from({ length: 600_000 }, (_, i) => ({ k: `v${i}`, n: i }))));
    const [oom, nul, broken, ...good] = await Promise.allSettled([
      p.run(heavy, "application/json"),
      p.run(new Uint8Array(1000), "text/plain"),
      p.run(utf8("not a pdf"), "application/pdf"),
      p.run(utf8("first contract"), "text/plain"),
      p.run(await docxOf("second contract"), DOCX),
      p.run(utf8("<p>third contract</p>"), "text/html"),
    ]);
    expect(oom.status === "rejected" && oom.reason).toBeInstanceOf(ExtractionLimitError);
    expect(oom.status === "rejected" && (oom.reason as ExtractionLimitError).detail).toBe(
      "extraction needs more than the 64 MB of memory one document may use (WSPEC_EXTRACT_MAX_MEMORY_MB)",
    );
    expect(nul.status === "rejected" && (nul.reason as ExtractionLimitError).limit).toBe("maxNulShare");
    expect(broken.status === "rejected" && broken.reason).toBeInstanceOf(UnreadableDocumentError);
    expect(good.map((r) => (r.status === "fulfilled" ? r.value.text.trim() : r.reason))).toEqual([
      "first contract",
      "second contract",
      "third contract",
    ]);
    // The failed thread was replaced: the pool still works and never exceeds its size.
    expect((await p.run(utf8("after"), "text/plain")).text).toBe("after");
    expect(p.threads).toBeLessThanOrEqual(2);
  });

  it("a document that takes longer than the wall-clock limit is stopped and its thread terminated", async () => {
    const p = pool({ size: 1, timeoutMs: 100 });
    const html = utf8(`<html><body>${"<div><p>slow <i>page</i></p></div>".repeat(600_000)}</body></html>`);
    const err = await limitOf(p.run(html, "text/html"));
    expect([err.limit, err.detail]).toEqual([
      "timeoutMs",
      "extraction took longer than the 100 ms one document may take (WSPEC_EXTRACT_TIMEOUT_MS)",
    ]);
    expect(p.threads).toBe(0);
  });

  it("refuses nonsense settings at construction", () => {
    expect(() => new ExtractorPool({ size: 0 })).toThrow(
      "ExtractorPool: size must be a positive integer, got 0",
    );
  });
});
