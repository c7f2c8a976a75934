import { afterAll, describe, expect, it } from "vitest";
import { extractEntities, InvalidExtractOptionsError } from "./entities.ts";
import { ExtractionTimeoutError, OffThreadExtractor } from "./off-thread.ts";

const extractor = new OffThreadExtractor();
afterAll(() => extractor.close());

describe("OffThreadExtractor", () => {
  it("gives what extractEntities gives, from a worker thread", async () => {
    const text = "Dear Ms. Okonkwo, call +49 40 3012 5566 on Tuesday; card 4111 1111 1111 1111.";
    const referenceDate = new Date(2026, 0, 15);
    expect(await extractor.extract(text, { referenceDate })).toEqual(
      extractEntities(text, { referenceDate }),
    );
  });

  it("refuses bad options before any thread work, with the same error", async () => {
    await expect(extractor.extract("x", { minConfidence: 2 })).rejects.toThrow(InvalidExtractOptionsError);
    await expect(extractor.extract(42 as unknown as string)).rejects.toThrow("text must be a string");
  });

  it("abandons a request past its timeout and serves the next one with a new thread", async () => {
    const slow = new OffThreadExtractor({ timeoutMs: 1 });
    try {
      await expect(slow.extract("John Smith met Anna Keller. ".repeat(40_000))).rejects.toThrow(
        ExtractionTimeoutError,
      );
    } finally {
      await slow.close();
    }
    expect(await extractor.extract("mail a.b@example.com")).toHaveLength(1);
  });

  it("refuses a timeout that is not positive", () => {
    expect(() => new OffThreadExtractor({ timeoutMs: 0 })).toThrow(
      "timeoutMs must be a positive number, got 0",
    );
  });
});
