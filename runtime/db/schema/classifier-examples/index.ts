export {
  type ClassifierExample,
  classifierExamples,
  type NewClassifierExample,
} from "./classifier-example.ts";
