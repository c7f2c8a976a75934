import { describe, expect, it } from "vitest";
import { DOCUMENT_TYPES } from "../document-types.ts";
import { findAmounts, findDates, standardize, TEMPLATES } from "./index.ts";

describe("findDates", () => {
  it.each([
    ["2024-03-12", "2024-03-12"],
    ["12/03/2024", "2024-03-12"],
    ["12.03.2024", "2024-03-12"],
    ["12 March 2024", "2024-03-12"],
    ["3rd Sep 2025", "2025-09-03"],
    ["March 12, 2024", "2024-03-12"],
    ["31/02/2024", undefined],
    ["2024-13-01", undefined],
  ])("%s → %s (day first)", (text, normalized) => {
    expect(findDates(`Signed on ${text}.`)).toEqual([
      { kind: "date", start: 10, end: 10 + text.length, text, normalized },
    ]);
  });
  it("reads numeric dates month first when told", () => {
    expect(findDates("03/12/2024", { dayFirst: false })[0]?.normalized).toBe("2024-03-12");
  });
});

describe("findAmounts", () => {
  it.each([
    ["$1200", "USD 1,200.00"],
    ["€ 2,000,000", "EUR 2,000,000.00"],
    ["£99.5", "GBP 99.50"],
    ["1,250.75 USD", "USD 1,250.75"],
    ["EUR 10", "EUR 10.00"],
    ["¥5000", "JPY 5,000"],
    ["USD 1,250.75", "USD 1,250.75"],
  ])("%s → %s", (text, normalized) => {
    expect(findAmounts(`Total ${text} due`)).toMatchObject([{ text, normalized }]);
  });
  it("ignores plain numbers", () => {
    expect(findAmounts("Clause 12 of 2024, 3 copies")).toEqual([]);
  });
});

const NDA = `1. Parties
Acme Ltd and Globex plc.
2. Definition of Confidential Information
Anything marked confidential.
3. Obligations
Keep it secret.
4. Exceptions
Public information.
5. Term
Two years from 01/02/2024.
6. Governing Law
England.
7. Signatures
Signed.`;

describe("standardize", () => {
  it("has a template for every document type", () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...DOCUMENT_TYPES].sort());
  });

  it("accepts a conforming document and normalizes headings and dates", () => {
    const r = standardize(NDA, "nda");
    expect(r.conforms).toBe(true);
    expect(r.deviations.map((d) => d.kind)).toEqual(["date_format"]);
    expect(r.score).toBe(98);
    expect(r.sections.map((s) => s.id)).toEqual([
      "parties",
      "confidential_information",
      "obligations",
      "exclusions",
      "term",
      "governing_law",
      "signatures",
    ]);
    expect(r.normalized_text).toContain("Confidential Information\nAnything");
    expect(r.normalized_text).toContain("Exclusions\nPublic");
    expect(r.normalized_text).toContain("Two years from 2024-02-01.");
  });

  it("reports missing and out-of-order sections and invalid dates", () => {
    const text = "Interest\n5%\nParties\nA and B\nRepayment\nBy 31/02/2025\n";
    const r = standardize(text, "loan_agreement");
    expect(r.conforms).toBe(false);
    expect(r.deviations.filter((d) => d.kind === "missing_section").map((d) => d.section)).toEqual([
      "definitions",
      "facility",
      "default",
      "governing_law",
      "signatures",
    ]);
    expect(r.deviations.find((d) => d.kind === "section_order")).toMatchObject({
      section: "parties",
      message: 'section "Parties" comes after "Interest"; the template puts it before',
      location: { start: 12, end: 19 },
    });
    expect(r.deviations.find((d) => d.kind === "invalid_date")).toMatchObject({ found: "31/02/2025" });
    expect(r.score).toBe(Math.max(0, 100 - 5 * 15 - 10 - 10));
  });

  it("does not take a long prose line for a heading", () => {
    const r = standardize(
      "Interest shall accrue daily on the outstanding principal at the agreed rate until paid.",
      "loan_agreement",
    );
    expect(r.sections).toEqual([]);
  });
});
