// Training with an honest accuracy: stratified k-fold cross-validation scores models that never saw
// the examples they are tested on, and the same out-of-fold predictions fit the confidence scale.
import { type LabelScore, type Scores, score, stratifiedFolds } from "./metrics.ts";
import {
  DEFAULT_MODEL_OPTIONS,
  fitScale,
  Model,
  ModelError,
  type ModelOptions,
  type TokenizedExample,
} from "./model.ts";

export const DEFAULT_FOLDS = 5;
export const DEFAULT_SEED = 20261126;

export interface TrainOptions {
  folds?: number;
  seed?: number;
  model?: ModelOptions;
}

export interface TrainingReport {
  examples: number;
  labels: string[];
  folds: number;
  /** Share of examples the cross-validated models labeled correctly. */
  accuracy: number;
  perLabel: LabelScore[];
  confusion: Scores["confusion"];
  /** The fitted confidence scale (see model.ts). */
  scale: number;
}

export function crossValidate(examples: readonly TokenizedExample[], options: TrainOptions = {}) {
  const k = options.folds ?? DEFAULT_FOLDS;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const counts = new Map(labels.map((l) => [l, examples.filter((e) => e.label === l).length]));
  const short = labels.filter((l) => (counts.get(l) ?? 0) < k);
  // Fewer examples than folds would leave a fold's model without that label at all.
  if (labels.length < 2 || short.length > 0) {
    throw new ModelError(
      `${k}-fold cross-validation needs at least 2 labels with ${k} examples each; ` +
        (labels.length < 2
          ? `got ${labels.length} label(s)`
          : short.map((l) => `${l} has ${counts.get(l)}`).join(", ")),
    );
  }
  const folds = stratifiedFolds(examples, k, options.seed ?? DEFAULT_SEED);
  const pairs: { actual: string; predicted: string }[] = [];
  const outOfFold: { logits: number[]; actual: number }[] = [];
  folds.forEach((test, i) => {
    const train = folds.filter((_, j) => j !== i).flat();
    const model = Model.train(train, options.model ?? DEFAULT_MODEL_OPTIONS);
    for (const example of test) {
      const { logits, known } = model.logits(example.tokens);
      const best = known === 0 ? -1 : logits.indexOf(Math.max(...logits));
      pairs.push({ actual: example.label, predicted: model.labels[best] ?? "unknown" });
      outOfFold.push({ logits, actual: model.labels.indexOf(example.label) });
    }
  });
  return { scores: score(pairs), outOfFold, folds: k, labels };
}

/** Cross-validates, fits the confidence scale, then trains the final model on every example. */
export function trainClassifier(examples: readonly TokenizedExample[], options: TrainOptions = {}) {
  const { scores, outOfFold, folds, labels } = crossValidate(examples, options);
  const scale = fitScale(outOfFold);
  const model = Model.train(examples, options.model ?? DEFAULT_MODEL_OPTIONS, scale);
  const report: TrainingReport = {
    examples: examples.length,
    labels,
    folds,
    accuracy: scores.accuracy,
    perLabel: scores.labels,
    confusion: scores.confusion,
    scale,
  };
  return { model, report };
}
