import { describe, expect, it } from "vitest";
import { summarize } from "./summarize.ts";

const AGREEMENT = [
  "This loan agreement is made between Northwind Bank and Contoso Ltd for a term loan of EUR 2,000,000.",
  "The weather on the signing day was pleasant.",
  "The borrower shall repay the loan in twenty quarterly instalments with interest at 4.5 percent.",
  "Lunch was served after the meeting.",
  "If the borrower fails to repay an instalment, the bank may accelerate the loan and demand immediate repayment.",
  "The parties thanked each other.",
].join(" ");

describe("summarize", () => {
  it("keeps the sentences about the document's subject, in document order", () => {
    const { summary, sentences, total } = summarize(AGREEMENT, { maxSentences: 3 });
    expect(total).toBe(6);
    expect(sentences.map((s) => s.index)).toEqual([0, 2, 4]);
    expect(summary).toMatch(/^This loan agreement is made/);
    expect(summary).not.toMatch(/weather|Lunch|thanked/);
  });

  it("respects the character cap with whole sentences", () => {
    const { summary } = summarize(AGREEMENT, { maxSentences: 3, maxChars: 120 });
    expect(summary.length).toBeLessThanOrEqual(120);
    expect(summary.endsWith(".")).toBe(true);
  });

  it("returns nothing for text without sentences worth keeping", () => {
    expect(summarize("", {})).toMatchObject({ summary: "", sentences: [] });
    expect(summarize("OK. Yes.").summary).toBe("");
  });
});
