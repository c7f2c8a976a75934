// How the default model is made from the corpus: shared by train-default.ts, which writes it, and
// the test that checks the committed file is what this produces.
import { type CorpusExample, loadCorpus } from "./corpus.ts";
import { documentTokens } from "./tokenize.ts";
import { trainClassifier } from "./train.ts";

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
