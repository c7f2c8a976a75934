// The classifier's build-time side, for other tooling (bench/ builds its documents from the corpus).
// The scripts beside it (corpus-generator/generate.ts, train-default.ts, evaluate.ts) are entry points.
export { CORPUS_DIR, type CorpusExample, loadCorpus } from "./corpus.ts";
export { tokenizeCorpus, trainDefaultModel } from "./default-training.ts";
export { evaluateHandwritten, evaluateHandwrittenUnseen, evaluateHeldOut } from "./evaluation.ts";
