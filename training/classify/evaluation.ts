// Held-out evaluation of the default model's recipe: train on part of the corpus, score the rest.
import {
  type Model,
  score,
  stratifiedFolds,
  stratifiedSplit,
  trainClassifier,
} from "../../runtime/ai/classify/index.ts";

export const HELD_OUT_FRACTION = 0.25;
export const HELD_OUT_SEED = 42;

interface Example {
  id: string;
  label: string;
  source: string;
  tokens: string[];
}

function predict(model: Model, test: readonly Example[]) {
  return test.map((e) => {
    const result = model.classify(e.tokens);
    const top = result.candidates[0]?.label ?? result.label;
    return { id: e.id, actual: e.label, predicted: result.label, top, confidence: result.confidence };
  });
}

/** A fixed-seed stratified split: every type keeps the same share in the training and test parts. */
export function evaluateHeldOut(
  examples: readonly Example[],
  fraction = HELD_OUT_FRACTION,
  seed = HELD_OUT_SEED,
) {
  const { train, test } = stratifiedSplit(examples, fraction, seed);
  const { model } = trainClassifier(train);
  const predictions = predict(model, test);
  return { train: train.length, test: test.length, scores: score(predictions), predictions };
}

/**
 * The harder test: hand-written examples, which no builder produced, so template memorization
 * cannot help. In 5 stratified folds, each fold's model trains on every generated example plus the
 * other folds' hand-written ones, as the default model does with all of them.
 */
export function evaluateHandwritten(examples: readonly Example[], folds = 5, seed = HELD_OUT_SEED) {
  const generated = examples.filter((e) => e.source !== "handwritten");
  const written = examples.filter((e) => e.source === "handwritten");
  const parts = stratifiedFolds(written, folds, seed);
  const predictions = parts.flatMap((test, i) => {
    const { model } = trainClassifier([...generated, ...parts.filter((_, j) => j !== i).flat()]);
    return predict(model, test);
  });
  return {
    train: generated.length + written.length - written.length / folds,
    test: written.length,
    scores: score(predictions),
    predictions,
  };
}

/** The hardest: no hand-written example in training at all. */
export function evaluateHandwrittenUnseen(examples: readonly Example[]) {
  const train = examples.filter((e) => e.source !== "handwritten");
  const test = examples.filter((e) => e.source === "handwritten");
  const { model } = trainClassifier(train);
  const predictions = predict(model, test);
  return { train: train.length, test: test.length, scores: score(predictions), predictions };
}

/** Share answered correctly at each threshold (an "unknown" counts as wrong), and with none (top-1). */
export function thresholdSweep(
  predictions: readonly { actual: string; top: string; confidence: number }[],
  thresholds = [0, 0.3, 0.4, 0.5, 0.6, 0.7],
) {
  return thresholds.map((threshold) => ({
    threshold,
    accuracy:
      predictions.filter((p) => p.top === p.actual && p.confidence >= threshold).length / predictions.length,
    unknown: predictions.filter((p) => p.confidence < threshold).length / predictions.length,
  }));
}

/** How often the best label is right within each confidence band: calibrated means the two agree. */
export function reliability(
  predictions: readonly { actual: string; top: string; confidence: number }[],
  edges = [0, 0.4, 0.6, 0.8, 0.95, 1.000001],
) {
  return edges.slice(0, -1).map((from, i) => {
    const to = edges[i + 1] as number;
    const band = predictions.filter((p) => p.confidence >= from && p.confidence < to);
    return {
      from,
      to: Math.min(to, 1),
      count: band.length,
      right: band.filter((p) => p.top === p.actual).length,
    };
  });
}
