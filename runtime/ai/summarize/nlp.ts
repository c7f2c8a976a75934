// One wink-nlp instance per process: loading the English model costs tens of milliseconds and a
// few megabytes, so it is done once, on first use, and never at import time.
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";

let instance: ReturnType<typeof winkNLP> | undefined;

export function nlp(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model);
  return instance;
}
