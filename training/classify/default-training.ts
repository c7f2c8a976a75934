// How the default model is made from the corpus: shared by train-default.ts, which writes it,
// evaluate.ts, and the test that checks the committed file is what this produces.
import { documentTokens, trainClassifier } from "../../runtime/ai/classify/index.ts";
import { type CorpusExample, loadCorpus } from "./corpus.ts";

export function tokenizeCorpus(examples: readonly CorpusExample[]) {
  return examples.map((e) => ({
    id: e.id,
    source: e.source,
    label: e.label as string,
    tokens: documentTokens(e.text),
  }));
}

export function trainDefaultModel(corpus = loadCorpus()) {
  return trainClassifier(tokenizeCorpus(corpus));
}
