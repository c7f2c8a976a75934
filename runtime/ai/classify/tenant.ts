// Per-tenant classifiers: tenants label their own documents (with their own labels if they like),
// train on demand, and classify with their model, or with the default model until they have one.
import { defaultModel } from "./default-model.ts";
import { type Classification, DEFAULT_THRESHOLD, Model, ModelError, UNKNOWN_LABEL } from "./model.ts";
import type { ClassifierStore, LabeledText } from "./store.ts";
import { documentTokens } from "./tokenize.ts";
import { DEFAULT_FOLDS, DEFAULT_SEED, type TrainingReport, trainClassifier } from "./train.ts";

export const LABEL_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MAX_TEXT_CHARS = 1_000_000;

/** Bad input from a caller; `field` names what to fix, so a route can answer 400 with it. */
export class ClassifierInputError extends Error {
  override name = "ClassifierInputError";
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

export interface TenantClassification extends Classification {
  /** Which model answered: the tenant's own, or the default one. */
  model: "tenant" | "default";
}

export interface TenantTrainingResult extends TrainingReport {
  trainedAt: Date;
}

export interface TenantClassifierOptions {
  store: ClassifierStore;
  /** The fallback model; the committed default model unless a test supplies another. */
  fallback?: () => Model;
  threshold?: number;
  folds?: number;
  seed?: number;
  /** How long a process keeps a tenant's model before reading it again (other workers may retrain). */
  cacheMs?: number;
  now?: () => Date;
}

export class TenantClassifier {
  private readonly store: ClassifierStore;
  private readonly fallback: () => Model;
  private readonly threshold: number;
  private readonly folds: number;
  private readonly seed: number;
  private readonly cacheMs: number;
  private readonly now: () => Date;
  private readonly cache = new Map<string, { model: Model | undefined; loadedAt: number }>();

  constructor(options: TenantClassifierOptions) {
    this.store = options.store;
    this.fallback = options.fallback ?? defaultModel;
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.folds = options.folds ?? DEFAULT_FOLDS;
    this.seed = options.seed ?? DEFAULT_SEED;
    this.cacheMs = options.cacheMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Examples a label needs before training: one per cross-validation fold. */
  get minExamplesPerLabel(): number {
    return this.folds;
  }

  async addExample(
    tenantId: string,
    label: string,
    text: string,
    source: { documentId?: string; createdBy?: string } = {},
  ): Promise<void> {
    if (typeof label !== "string" || !LABEL_PATTERN.test(label) || label === UNKNOWN_LABEL) {
      throw new ClassifierInputError(
        "label",
        `label must be 1-64 characters of a-z, 0-9, "_" or "-", starting with a letter or digit, and not "${UNKNOWN_LABEL}"`,
      );
    }
    checkText(text);
    await this.store.addExample(tenantId, { ...source, label, text });
  }

  /**
   * Cross-validates on the tenant's examples, then trains on all of them and saves the model.
   * Refuses (storing nothing) when there are fewer than two labels or a label has fewer examples
   * than folds; until a training succeeds, classify() answers with the default model.
   */
  async train(tenantId: string): Promise<TenantTrainingResult> {
    const examples = await this.store.loadExamples(tenantId);
    const counts = countLabels(examples);
    const short = [...counts].filter(([, n]) => n < this.folds);
    if (counts.size < 2 || short.length > 0) {
      const detail =
        counts.size < 2
          ? `the tenant has ${counts.size} label(s)`
          : short.map(([label, n]) => `"${label}" has ${n}`).join(", ");
      throw new ClassifierInputError(
        "examples",
        `training needs at least 2 labels with at least ${this.folds} examples each; ${detail}`,
      );
    }
    const tokenized = examples.map((e) => ({ label: e.label, tokens: documentTokens(e.text) }));
    let trained: ReturnType<typeof trainClassifier>;
    try {
      trained = trainClassifier(tokenized, { folds: this.folds, seed: this.seed });
    } catch (error) {
      if (error instanceof ModelError) throw new ClassifierInputError("examples", error.message);
      throw error;
    }
    const { model, report } = trained;
    const trainedAt = this.now();
    await this.store.saveModel(tenantId, { model: model.toJSON(), report, trainedAt });
    this.cache.set(tenantId, { model, loadedAt: Date.now() });
    return { ...report, trainedAt };
  }

  async classify(tenantId: string, text: string, threshold = this.threshold): Promise<TenantClassification> {
    checkText(text);
    if (!(threshold >= 0 && threshold <= 1))
      throw new ClassifierInputError("threshold", "threshold must be between 0 and 1");
    const own = await this.tenantModel(tenantId);
    const tokens = documentTokens(text);
    if (own) return { ...own.classify(tokens, threshold), model: "tenant" };
    return { ...this.fallback().classify(tokens, threshold), model: "default" };
  }

  /** The tenant's example counts per label and its last training report, for a status endpoint. */
  async describe(tenantId: string) {
    const [examples, stored] = await Promise.all([
      this.store.loadExamples(tenantId),
      this.store.loadModel(tenantId),
    ]);
    return {
      examples: Object.fromEntries(countLabels(examples)),
      minExamplesPerLabel: this.folds,
      model: stored ? { ...stored.report, trainedAt: stored.trainedAt } : undefined,
    };
  }

  private async tenantModel(tenantId: string): Promise<Model | undefined> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.loadedAt < this.cacheMs) return hit.model;
    const stored = await this.store.loadModel(tenantId);
    const model = stored ? Model.fromJSON(stored.model) : undefined;
    this.cache.set(tenantId, { model, loadedAt: Date.now() });
    return model;
  }
}

function checkText(text: unknown): asserts text is string {
  if (typeof text !== "string" || text.trim() === "")
    throw new ClassifierInputError("text", "text must be a non-empty string");
  if (text.length > MAX_TEXT_CHARS) {
    throw new ClassifierInputError(
      "text",
      `text must be at most ${MAX_TEXT_CHARS} characters, got ${text.length}`,
    );
  }
}

function countLabels(examples: readonly LabeledText[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}
