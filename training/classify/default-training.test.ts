import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MODEL_PATH, trainClassifier } from "../../runtime/ai/classify/index.ts";
import { loadCorpus } from "./corpus.ts";
import { tokenizeCorpus } from "./default-training.ts";
import { evaluateHeldOut } from "./evaluation.ts";

// Tokenizing the corpus takes a few seconds; every test here shares one pass.
let examples: ReturnType<typeof tokenizeCorpus>;
beforeAll(() => {
  examples = tokenizeCorpus(loadCorpus());
}, 60_000);

describe("the default model's training", () => {
  it("reaches at least 90% accuracy on the fixed-seed held-out split", () => {
    const { scores, test } = evaluateHeldOut(examples);
    expect(test).toBeGreaterThanOrEqual(100);
    expect(scores.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it("produces exactly the committed runtime/ai/classify/model/default.json (npm run train:classify if not)", () => {
    const { model } = trainClassifier(examples);
    // Compared as data: the formatter may re-indent the committed file.
    expect(JSON.parse(readFileSync(DEFAULT_MODEL_PATH, "utf8"))).toEqual(model.toJSON());
  }, 60_000);
});
