import { describe, expect, it } from "vitest";
import { fitScale, Model, ModelError, softmax, UNKNOWN_LABEL } from "./model.ts";
import { documentTokens, TOKENIZER_VERSION } from "./tokenize.ts";

const TEXTS: [string, string][] = [
  ["weather", "Heavy rain and strong winds are forecast for the coast tonight, with thunderstorms inland."],
  ["weather", "Sunny spells this morning, clouds building later; temperatures around 24 degrees."],
  ["weather", "A cold front brings snow showers to the hills and frost in sheltered valleys overnight."],
  ["weather", "Fog patches clearing by midday, then a dry and bright afternoon with light winds."],
  ["cooking", "Whisk the eggs with sugar, fold in the flour and bake the sponge for twenty minutes."],
  ["cooking", "Fry the onions in butter until soft, add garlic and simmer the tomato sauce gently."],
  ["cooking", "Season the chicken, roast it in a hot oven and rest the meat before carving."],
  ["cooking", "Knead the dough, let it rise for an hour, then shape the loaves and bake until golden."],
];
const examples = TEXTS.map(([label, text]) => ({ label, tokens: documentTokens(text) }));

describe("Model", () => {
  const model = Model.train(examples, undefined, 2);

  it("learns labels from examples and answers probabilities that sum to one, best first", () => {
    const result = model.classify(
      documentTokens("Expect showers and gusty winds with a risk of thunder later."),
    );
    expect(result.label).toBe("weather");
    expect(result.candidates.map((c) => c.label)).toEqual(["weather", "cooking"]);
    expect(result.candidates.reduce((s, c) => s + c.probability, 0)).toBeCloseTo(1);
    expect(result.confidence).toBe(result.candidates[0]?.probability);
    expect(model.classify(documentTokens("Roast the onions in the oven with butter and garlic.")).label).toBe(
      "cooking",
    );
  });

  it("answers unknown below the threshold, keeping the best probability as confidence", () => {
    const tokens = documentTokens("Rain and snow forecast; bake bread and fry onions.");
    const open = model.classify(tokens, 0);
    expect(open.label).not.toBe(UNKNOWN_LABEL);
    const strict = model.classify(tokens, 0.999);
    expect(strict.label).toBe(UNKNOWN_LABEL);
    expect(strict.confidence).toBe(open.confidence);
  });

  it("answers unknown with confidence 0 when the text shares no token with the training data", () => {
    const result = model.classify(documentTokens("Quantum chromodynamics lattice gauge symmetry."));
    expect(result).toMatchObject({ label: UNKNOWN_LABEL, confidence: 0 });
  });

  it("survives a JSON round trip with identical answers", () => {
    const restored = Model.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(restored.toJSON()).toEqual(model.toJSON());
    for (const [, text] of TEXTS) {
      expect(restored.classify(documentTokens(text))).toEqual(model.classify(documentTokens(text)));
    }
  });

  it("refuses a model from another tokenizer or format, saying why", () => {
    const json = JSON.parse(JSON.stringify(model));
    expect(() => Model.fromJSON({ ...json, tokenizer: TOKENIZER_VERSION + 1 })).toThrow(
      /tokenizer .* retrain/,
    );
    expect(() => Model.fromJSON({ ...json, format: "other" })).toThrow(ModelError);
    expect(() => Model.fromJSON(null)).toThrow(/not a document-classifier model/);
  });

  it("needs two labels", () => {
    expect(() => Model.train(examples.filter((e) => e.label === "weather"))).toThrow(/at least two labels/);
  });
});

describe("confidence scale", () => {
  it("softmax of scaled logits", () => {
    const [a, b] = softmax([0, Math.log(3)], 1);
    expect(a).toBeCloseTo(0.25, 12);
    expect(b).toBeCloseTo(0.75, 12);
    expect(softmax([1, 1, 1], 5)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("is larger when the out-of-fold predictions are right more often, and bounded when always right", () => {
    const right = [...Array(20)].map(() => ({ logits: [1, 0], actual: 0 }));
    const mixed = [...right.slice(0, 15), ...[...Array(5)].map(() => ({ logits: [1, 0], actual: 1 }))];
    const sure = fitScale(right);
    const unsure = fitScale(mixed);
    expect(unsure).toBeLessThan(sure);
    expect(sure).toBeLessThan(100);
    // 15 of 20 right: the fitted confidence lands near 75%.
    expect(softmax([1, 0], unsure)[0]).toBeCloseTo(0.75, 1);
  });
});
