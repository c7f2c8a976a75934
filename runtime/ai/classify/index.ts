export { classifyDocument, DEFAULT_MODEL_PATH, defaultModel } from "./default-model.ts";
export {
  type LabelScore,
  type Scores,
  score,
  seededRandom,
  stratifiedFolds,
  stratifiedSplit,
} from "./metrics.ts";
export {
  type Candidate,
  type Classification,
  DEFAULT_THRESHOLD,
  Model,
  ModelError,
  type SerializedModel,
  UNKNOWN_LABEL,
} from "./model.ts";
export {
  type ClassifierStore,
  type LabeledText,
  MemoryClassifierStore,
  type NewExample,
  type StoredModel,
} from "./store.ts";
export {
  ClassifierInputError,
  LABEL_PATTERN,
  MAX_TEXT_CHARS,
  type TenantClassification,
  TenantClassifier,
  type TenantClassifierOptions,
  type TenantTrainingResult,
} from "./tenant.ts";
export { documentTokens, TOKENIZER_VERSION } from "./tokenize.ts";
export { type TrainingReport, trainClassifier } from "./train.ts";
