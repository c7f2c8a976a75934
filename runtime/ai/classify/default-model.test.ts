import { describe, expect, it } from "vitest";
import { DOCUMENT_TYPES } from "../document-types.ts";
import { classifyDocument, defaultModel } from "./default-model.ts";
import { UNKNOWN_LABEL } from "./model.ts";

// That the committed model is what training on the corpus produces, and its held-out accuracy, are
// checked where the corpus and the training live: training/classify/default-training.test.ts.
describe("default model", () => {
  it("knows every document type", () => {
    expect([...defaultModel().labels].sort()).toEqual([...DOCUMENT_TYPES].sort());
  });

  it("classifies documents it has never seen", () => {
    expect(
      classifyDocument(
        "INVOICE 2026-118. Bill to: Larkspur Dental Ltd. 3 x annual maintenance of X-ray units at 420.00 = 1,260.00; VAT 20% 252.00; total due GBP 1,512.00 within 30 days to sort code 20-00-00.",
      ).label,
    ).toBe("invoice");
    expect(
      classifyDocument(
        "I am writing to complain that my savings account was closed without notice and the interest I was promised was never paid. I want an explanation and compensation.",
      ).label,
    ).toBe("complaint");
    expect(
      classifyDocument(
        "The Receiving Party shall hold the Confidential Information in strict confidence and shall not disclose it to any third party for three years.",
      ).label,
    ).toBe("nda");
  });

  it("says unknown for text about none of the types", () => {
    expect(classifyDocument("zebra giraffe savanna").label).toBe(UNKNOWN_LABEL);
  });
});
