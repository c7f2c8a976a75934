// The default model, trained from the corpus by training/classify/train-default.ts and committed as
// model/default.json: tokenizing the corpus takes seconds (wink-nlp's entity recognition
// dominates), too long for a worker's start, while reading the JSON takes milliseconds.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Classification, DEFAULT_THRESHOLD, Model } from "./model.ts";
import { documentTokens } from "./tokenize.ts";

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL("./model/default.json", import.meta.url));

let cached: Model | undefined;

/** Loaded on first use, not at import, so importing the module costs nothing. */
export function defaultModel(): Model {
  cached ??= Model.fromJSON(JSON.parse(readFileSync(DEFAULT_MODEL_PATH, "utf8")));
  return cached;
}

/** Classifies a text with the default model into one of DOCUMENT_TYPES, or "unknown". */
export function classifyDocument(text: string, threshold = DEFAULT_THRESHOLD): Classification {
  return defaultModel().classify(documentTokens(text), threshold);
}
