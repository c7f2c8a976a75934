// Background training of tenant classifiers: the queue the API adds to, the worker that trains.
export {
  CLASSIFIER_TRAINING_QUEUE,
  ClassifierTrainingQueue,
  type TrainingJobData,
  type TrainingRequest,
  trainingJobId,
} from "./queue.ts";
export { lastTraining, type TrainingStatus } from "./record.ts";
export {
  type ClassifierTrainingWorker,
  type ClassifierTrainingWorkerOptions,
  startClassifierTrainingWorker,
} from "./worker.ts";
