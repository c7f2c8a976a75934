export { type ClassifierModel, classifierModels } from "./classifier-model.ts";
