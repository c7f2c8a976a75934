import type { App } from "../../app/index.ts";
import { registerAddExample } from "./classifier-examples.ts";
import { registerClassifierStatus } from "./classifier-status.ts";
import { registerTrainClassifier } from "./classifier-train.ts";
import { registerClassify } from "./classify.ts";
import type { AiRouteDeps } from "./deps.ts";
import { registerExtract } from "./extract.ts";
import { registerStandardize } from "./standardize.ts";
import { registerSummarize } from "./summarize.ts";
import { registerTranslate } from "./translate.ts";

export { AddExampleBody, addExampleRoute } from "./classifier-examples.ts";
export { classifierStatusRoute } from "./classifier-status.ts";
export { PostgresClassifierStore } from "./classifier-store.ts";
export { trainClassifierRoute } from "./classifier-train.ts";
export { ClassifyBody, classifyRoute } from "./classify.ts";
export type { AiRouteDeps } from "./deps.ts";
export { ExtractBody, extractRoute } from "./extract.ts";
export { aiRouteDepsFromEnv } from "./from-env.ts";
export { StandardizeBody, standardizeRoute } from "./standardize.ts";
export { SummarizeBody, summarizeRoute } from "./summarize.ts";
export { MAX_TEXT_BYTES } from "./text-input.ts";
export { TranslateBody, translateRoute } from "./translate.ts";

/** Registers /api/v2/ai/* (classify, extract, summarize, standardize, translate, classifier training). */
export function registerAiRoutes(deps: AiRouteDeps): (app: App) => void {
  return (app) => {
    registerClassify(app, deps);
    registerExtract(app, deps);
    registerSummarize(app, deps);
    registerStandardize(app, deps);
    registerTranslate(app, deps);
    registerClassifierStatus(app, deps);
    registerAddExample(app, deps);
    registerTrainClassifier(app, deps);
  };
}
