import { describe, expect, it } from "vitest";
import { splitQuery } from "./terms.ts";

describe("splitQuery", () => {
  it("takes out negated words and phrases, keeps the rest as written", () => {
    expect(splitQuery('invoices or receipts -meeting -"board pack"')).toEqual({
      include: "invoices or receipts",
      exclude: ["meeting", '"board pack"'],
    });
  });

  it("leaves hyphenated words, hyphens inside phrases and a lone hyphen alone", () => {
    expect(splitQuery('e-mail "pre -audit" - x')).toEqual({
      include: 'e-mail "pre -audit" - x',
      exclude: [],
    });
  });

  it("a query of exclusions only includes nothing", () => {
    expect(splitQuery("-a -b")).toEqual({ include: "", exclude: ["a", "b"] });
  });
});
