import { describe, expect, it } from "vitest";
import { score, stratifiedFolds, stratifiedSplit } from "./metrics.ts";
import { crossValidate } from "./train.ts";

const FRUIT = ["cherry", "grape", "melon", "mango", "kiwi"];
const CARS = ["gearbox", "piston", "exhaust", "tyre", "clutch"];

// Five clear examples of each label, plus one "fruit" example that talks only about cars: every
// model trained without it calls it "car", so its fold gets it wrong and nothing else.
const tiny = [
  ...FRUIT.map((word) => ({ label: "fruit", tokens: ["apple", "pear", "plum", word] })),
  ...CARS.map((word) => ({ label: "car", tokens: ["engine", "wheel", "brake", word] })),
  { label: "fruit", tokens: ["engine", "wheel", "brake", "horn"] },
];

describe("stratified splits", () => {
  it("puts every label in every fold and keeps fold sizes within one", () => {
    const folds = stratifiedFolds(tiny, 5, 1);
    const sizes = folds.map((f) => f.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(11);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const fold of folds) expect(new Set(fold.map((e) => e.label))).toEqual(new Set(["fruit", "car"]));
  });

  it("is the same for the same seed and different for another", () => {
    const ids = (seed: number) => stratifiedFolds(tiny, 5, seed).map((f) => f.map((e) => tiny.indexOf(e)));
    expect(ids(3)).toEqual(ids(3));
    expect(ids(3)).not.toEqual(ids(4));
  });

  it("holds out the same share of every label", () => {
    const items = [...Array(20)].map((_, i) => ({ label: i < 12 ? "a" : "b" }));
    const { train, test } = stratifiedSplit(items, 0.25, 9);
    expect(test.filter((e) => e.label === "a")).toHaveLength(3);
    expect(test.filter((e) => e.label === "b")).toHaveLength(2);
    expect(train).toHaveLength(15);
  });
});

describe("scores", () => {
  it("computes accuracy, precision, recall and the confusion matrix by hand", () => {
    const s = score([
      { actual: "a", predicted: "a" },
      { actual: "a", predicted: "a" },
      { actual: "a", predicted: "b" },
      { actual: "b", predicted: "b" },
      { actual: "b", predicted: "unknown" },
    ]);
    expect(s.accuracy).toBeCloseTo(3 / 5);
    expect(s.labels).toEqual([
      { label: "a", support: 3, precision: 1, recall: 2 / 3, f1: 0.8 },
      { label: "b", support: 2, precision: 1 / 2, recall: 1 / 2, f1: 0.5 },
    ]);
    expect(s.confusion).toEqual({ a: { a: 2, b: 1, unknown: 0 }, b: { a: 0, b: 1, unknown: 1 } });
  });
});

describe("cross-validation", () => {
  it("scores each example with a model that did not see it", () => {
    const { scores } = crossValidate(tiny, { folds: 5, seed: 1 });
    expect(scores.accuracy).toBeCloseTo(10 / 11);
    const [car, fruit] = scores.labels;
    expect(car).toMatchObject({ label: "car", support: 5, precision: 5 / 6, recall: 1 });
    expect(fruit).toMatchObject({ label: "fruit", support: 6, precision: 1, recall: 5 / 6 });
    expect(scores.confusion).toEqual({ car: { car: 5, fruit: 0 }, fruit: { car: 1, fruit: 5 } });
  });

  it("refuses labels with fewer examples than folds, naming them", () => {
    expect(() => crossValidate(tiny.slice(0, 8), { folds: 5 })).toThrow(/car has 3/);
  });
});
