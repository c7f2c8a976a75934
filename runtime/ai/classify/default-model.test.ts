import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DOCUMENT_TYPES } from "../document-types.ts";
import { loadCorpus } from "./corpus.ts";
import { classifyDocument, DEFAULT_MODEL_PATH, defaultModel } from "./default-model.ts";
import { tokenizeCorpus } from "./default-training.ts";
import { evaluateHeldOut } from "./evaluation.ts";
import { UNKNOWN_LABEL } from "./model.ts";
import { trainClassifier } from "./train.ts";

// Tokenizing the corpus takes a few seconds; every test here shares one pass.
let examples: ReturnType<typeof tokenizeCorpus>;
beforeAll(() => {
  examples = tokenizeCorpus(loadCorpus());
}, 60_000);

describe("default model", () => {
  it("reaches at least 90% accuracy on the fixed-seed held-out split", () => {
    const { scores, test } = evaluateHeldOut(examples);
    expect(test).toBeGreaterThanOrEqual(100);
    expect(scores.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it("is committed as exactly what training on the corpus produces (run train-default.ts if not)", () => {
    const { model } = trainClassifier(examples);
    // Compared as data: the formatter may re-indent the committed file.
    expect(JSON.parse(readFileSync(DEFAULT_MODEL_PATH, "utf8"))).toEqual(model.toJSON());
  }, 60_000);

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
