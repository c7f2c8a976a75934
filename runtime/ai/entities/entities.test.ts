import { describe, expect, it } from "vitest";
import { extractEntities, InvalidExtractOptionsError } from "./entities.ts";
import { loadFixtures } from "./fixtures.ts";

describe("extractEntities", () => {
  it("returns sorted, non-overlapping spans whose text is the input at their offsets", () => {
    for (const doc of loadFixtures()) {
      const found = extractEntities(doc.text);
      found.forEach((e, i) => {
        expect(doc.text.slice(e.start, e.end)).toBe(e.text);
        expect(e.confidence).toBeGreaterThanOrEqual(0.5);
        expect(e.confidence).toBeLessThanOrEqual(1);
        const next = found[i + 1];
        if (next) expect(e.end).toBeLessThanOrEqual(next.start);
      });
    }
  });

  it("looks only for the requested types and drops spans under minConfidence", () => {
    const text = "SSN 536-22-1987, mail a@b.com, routing 021000021";
    expect(extractEntities(text, { types: ["email"] }).map((e) => e.type)).toEqual(["email"]);
    expect(extractEntities("ref 021000021", { types: ["routing_number"] })).toEqual([]);
    expect(extractEntities("ref 021000021", { types: ["routing_number"], minConfidence: 0.3 })).toHaveLength(
      1,
    );
  });

  it.each([
    [
      { types: ["passport"] as never[] },
      'types has unknown entity type "passport"; allowed: credit_card, iban',
    ],
    [{ minConfidence: 2 }, "minConfidence must be a number from 0 to 1, got 2"],
    [{ minConfidence: Number.NaN }, "minConfidence must be a number from 0 to 1, got NaN"],
    [
      { defaultCountry: "XX" as "US" },
      'defaultCountry must be an ISO 3166-1 alpha-2 code libphonenumber knows (US, GB, DE, ...), got "XX"',
    ],
    [{ dateOrder: "YMD" as "MDY" }, 'dateOrder must be "MDY" or "DMY", got "YMD"'],
  ])("rejects options %j naming the field", (options, message) => {
    expect(() => extractEntities("x", options)).toThrow(InvalidExtractOptionsError);
    expect(() => extractEntities("x", options)).toThrow(message);
  });
});
