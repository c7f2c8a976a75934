// The document pipeline: steps, the BullMQ queue and worker, text extraction.
export { type BackoffOptions, retryDelayMs } from "./backoff.ts";
export * from "./extract/index.ts";
export {
  PermanentStepError,
  PIPELINE_QUEUE,
  Pipeline,
  type PipelineOptions,
  type PipelineWorker,
  type StepContext,
  type StepHandler,
  type StepJobData,
  type StepRecorder,
  startPipelineWorker,
  type WorkerOptions,
} from "./pipeline.ts";
export { type DocumentVersionRef, nextStep, PIPELINE_STEPS, type PipelineStep, stepJobId } from "./steps.ts";
