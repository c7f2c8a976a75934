// The classifier: wink-naive-bayes-text-classifier learns the token counts and scores each label by
// its log2 odds against all the others; this module adds what the library leaves out: a portable
// model document, probabilities and an "unknown" answer.
//
// Raw naive Bayes odds grow with document length (a page of text gives odds in the hundreds, so a
// plain softmax says 100% for everything). The odds are therefore divided by the number of known
// tokens and multiplied by a scale fitted on out-of-fold predictions (temperature scaling), which
// makes a confidence of 0.8 mean roughly "right four times in five".
import naiveBayesTextClassifier, { type NaiveBayesTextClassifier } from "wink-naive-bayes-text-classifier";
import { TOKENIZER_VERSION } from "./tokenize.ts";

export const MODEL_FORMAT = "document-classifier";
export const MODEL_VERSION = 1;
/** The label answered when no label is probable enough; never a trainable label. */
export const UNKNOWN_LABEL = "unknown";
/** Below this probability the answer is "unknown" (override per call). With ten labels, 0.4 is four times
 * chance; training/classify/evaluate.ts prints how accuracy and the unknown share move with it. */
export const DEFAULT_THRESHOLD = 0.4;
/** A text sharing fewer tokens than this with the training data is "unknown" whatever the odds say. */
export const MIN_KNOWN_TOKENS = 3;

export interface ModelOptions {
  /** Count each token once per document: long documents repeating a word do not drown short ones. */
  presenceOnly: boolean;
  /** Additive smoothing, between 0 and 1. */
  smoothing: number;
  /** Also count adjacent token pairs ("payment_term", "#money_due"): phrases carry the type more than words. */
  bigrams: boolean;
}

// Chosen on the corpus: presence with smoothing 0.1 cross-validates best (0.990 against 0.983 at 0.5
// and 0.985 counting repeats); bigrams lift the hand-written examples from 0.79 to 0.84 top-1.
export const DEFAULT_MODEL_OPTIONS: ModelOptions = { presenceOnly: true, smoothing: 0.1, bigrams: true };

function features(tokens: readonly string[], options: ModelOptions): string[] {
  if (!options.bigrams) return [...tokens];
  return [...tokens, ...tokens.slice(1).map((t, i) => `${tokens[i]}_${t}`)];
}

export interface SerializedModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  tokenizer: number;
  labels: string[];
  options: ModelOptions;
  /** Multiplies the per-token log odds before the softmax. */
  scale: number;
  /** The library's exportJSON(), parsed. */
  learnings: unknown;
}

export interface TokenizedExample {
  label: string;
  tokens: string[];
}

export interface Candidate {
  label: string;
  probability: number;
}

export interface Classification {
  /** The most probable label, or "unknown" when its probability is below the threshold. */
  label: string;
  /** Probability of the most probable label, whether or not it cleared the threshold. */
  confidence: number;
  /** Every label with its probability, most probable first. */
  candidates: Candidate[];
}

export class ModelError extends Error {}

export class Model {
  readonly labels: readonly string[];
  private readonly engine: NaiveBayesTextClassifier;
  private readonly vocabulary: ReadonlySet<string>;
  readonly serialized: SerializedModel;

  private constructor(serialized: SerializedModel) {
    this.serialized = serialized;
    this.labels = serialized.labels;
    this.engine = naiveBayesTextClassifier();
    try {
      this.engine.importJSON(JSON.stringify(serialized.learnings));
      this.engine.consolidate();
    } catch (error) {
      // The library refuses fewer than two labels or fewer than ten distinct tokens.
      throw new ModelError(`cannot build the model: ${(error as Error).message.replace(/^winkNBTC: /, "")}`);
    }
    this.vocabulary = new Set((serialized.learnings as unknown[])[4] as string[]);
  }

  static train(examples: readonly TokenizedExample[], options = DEFAULT_MODEL_OPTIONS, scale = 1): Model {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) throw new ModelError(`training needs at least two labels, got ${labels.length}`);
    const engine = naiveBayesTextClassifier();
    engine.defineConfig({ considerOnlyPresence: options.presenceOnly, smoothingFactor: options.smoothing });
    for (const example of examples) engine.learn(features(example.tokens, options), example.label);
    return new Model({
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      tokenizer: TOKENIZER_VERSION,
      labels,
      options: { ...options },
      scale,
      learnings: JSON.parse(engine.exportJSON()),
    });
  }

  static fromJSON(value: unknown): Model {
    const m = value as Partial<SerializedModel> | null;
    if (typeof m !== "object" || m === null || m.format !== MODEL_FORMAT) {
      throw new ModelError(`not a ${MODEL_FORMAT} model`);
    }
    if (m.version !== MODEL_VERSION)
      throw new ModelError(`model version ${m.version}, this code reads ${MODEL_VERSION}`);
    if (m.tokenizer !== TOKENIZER_VERSION) {
      throw new ModelError(
        `model built with tokenizer ${m.tokenizer}, this code tokenizes with ${TOKENIZER_VERSION}: retrain it`,
      );
    }
    if (
      !Array.isArray(m.labels) ||
      typeof m.scale !== "number" ||
      !Array.isArray(m.learnings) ||
      !m.options
    ) {
      throw new ModelError("model is missing labels, scale, options or learnings");
    }
    return new Model(m as SerializedModel);
  }

  toJSON(): SerializedModel {
    return this.serialized;
  }

  withScale(scale: number): Model {
    return new Model({ ...this.serialized, scale });
  }

  /**
   * Per-token log odds of every label (in `labels` order), and how many tokens the model knows.
   * Zero known tokens means the model has nothing to go on.
   */
  logits(tokens: readonly string[]): { logits: number[]; known: number } {
    const all = features(tokens, this.serialized.options);
    const input = this.serialized.options.presenceOnly ? [...new Set(all)] : all;
    const known = input.filter((t) => this.vocabulary.has(t)).length;
    if (known === 0) return { logits: this.labels.map(() => 0), known };
    const odds = new Map(this.engine.computeOdds(input));
    return { logits: this.labels.map((l) => ((odds.get(l) ?? 0) * Math.LN2) / known), known };
  }

  classify(tokens: readonly string[], threshold = DEFAULT_THRESHOLD): Classification {
    const { logits, known } = this.logits(tokens);
    const probabilities =
      known === 0 ? this.labels.map(() => 1 / this.labels.length) : softmax(logits, this.serialized.scale);
    const candidates = this.labels
      .map((label, i) => ({ label, probability: probabilities[i] ?? 0 }))
      .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
    const best = candidates[0] as Candidate;
    const sure = known >= MIN_KNOWN_TOKENS && best.probability >= threshold;
    return {
      label: sure ? best.label : UNKNOWN_LABEL,
      confidence: known === 0 ? 0 : best.probability,
      candidates,
    };
  }
}

export function softmax(logits: readonly number[], scale: number): number[] {
  const scaled = logits.map((x) => x * scale);
  const top = Math.max(...scaled);
  const exp = scaled.map((x) => Math.exp(x - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((x) => x / sum);
}

/**
 * The scale minimizing the cross-entropy of out-of-fold predictions, found by golden-section
 * search over log(scale). The targets are smoothed (the true label gets 1 - SMOOTHING, the others
 * share the rest): a corpus the cross-validated model never gets wrong would otherwise drive the
 * scale to its bound and every confidence to 1, promising more than any corpus can show.
 */
export const LABEL_SMOOTHING = 0.005;

export function fitScale(
  outOfFold: readonly { logits: number[]; actual: number }[],
  bounds: [number, number] = [0.05, 100],
): number {
  if (outOfFold.length === 0) return 1;
  const loss = (s: number) =>
    outOfFold.reduce((sum, { logits, actual }) => {
      const p = softmax(logits, s);
      const others = LABEL_SMOOTHING / Math.max(1, p.length - 1);
      return (
        sum -
        p.reduce(
          (acc, pi, i) =>
            acc + (i === actual ? 1 - LABEL_SMOOTHING : others) * Math.log(Math.max(pi, 1e-300)),
          0,
        )
      );
    }, 0);
  let lo = Math.log(bounds[0]);
  let hi = Math.log(bounds[1]);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (loss(Math.exp(a)) <= loss(Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000;
}
