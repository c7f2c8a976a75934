import { describe, expect, it } from "vitest";
import { DOCUMENT_TYPES } from "../../runtime/ai/document-types.ts";
import {
  type CorpusExample,
  jaccard,
  loadCorpus,
  nearDuplicates,
  parseCorpusFile,
  wordSet,
} from "./corpus.ts";

const corpus = loadCorpus();

describe("the labeled corpus", () => {
  it("has at least 40 examples of every document type, some written one by one", () => {
    for (const type of DOCUMENT_TYPES) {
      const examples = corpus.filter((e) => e.label === type);
      expect(examples.length, type).toBeGreaterThanOrEqual(40);
      expect(examples.filter((e) => e.source === "handwritten").length, type).toBeGreaterThanOrEqual(4);
    }
  });

  it("varies in length from a paragraph to a page within every type", () => {
    for (const type of DOCUMENT_TYPES) {
      const lengths = corpus.filter((e) => e.label === type).map((e) => e.text.length);
      expect(Math.min(...lengths), type).toBeLessThan(500);
      expect(Math.max(...lengths), type).toBeGreaterThan(1000);
    }
  });

  it("has no near-duplicates (word-set Jaccard similarity above 0.8)", () => {
    expect(nearDuplicates(corpus, 0.8)).toEqual([]);
  });

  it("flags a near-duplicate when one is there", () => {
    const original = corpus[0] as CorpusExample;
    const copy = { ...original, id: "copy", text: `${original.text} Extra words here.` };
    expect(nearDuplicates([original, copy], 0.8)).toEqual([
      { a: original.id, b: "copy", similarity: expect.any(Number) },
    ]);
    expect(jaccard(wordSet("a b c d"), wordSet("a b c e"))).toBeCloseTo(3 / 5);
  });

  it("includes documents using another type's vocabulary (e.g. complaints about invoices)", () => {
    const complaints = corpus.filter((e) => e.label === "complaint");
    expect(complaints.some((e) => /invoice/i.test(e.text))).toBe(true);
    expect(complaints.some((e) => /statement/i.test(e.text))).toBe(true);
    expect(corpus.filter((e) => e.label === "policy").some((e) => /payslip|invoice/i.test(e.text))).toBe(
      true,
    );
  });

  it("rejects malformed lines, naming the line", () => {
    expect(() => parseCorpusFile('{"id":"x","source":"generated","text":""}\n', "nda", "nda.jsonl")).toThrow(
      /nda\.jsonl:1/,
    );
    expect(() => parseCorpusFile('{"id":"x","source":"scraped","text":"t"}\n', "nda", "nda.jsonl")).toThrow(
      /source must be one of handwritten, generated/,
    );
  });
});
