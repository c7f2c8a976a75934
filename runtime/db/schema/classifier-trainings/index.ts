export { type ClassifierTraining, classifierTrainings } from "./classifier-training.ts";
