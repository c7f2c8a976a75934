// The processing flow every uploaded document version goes through, in order. Each step is
// idempotent: it may run again after a crash and must then leave the same result behind.
export const PIPELINE_STEPS = [
  "extract",
  "classify",
  "entities",
  "standardize",
  "compliance",
  "index",
  "notify",
] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export function nextStep(step: PipelineStep): PipelineStep | undefined {
  return PIPELINE_STEPS[PIPELINE_STEPS.indexOf(step) + 1];
}

/** One document version: the unit the pipeline processes. */
export interface DocumentVersionRef {
  tenantId: string;
  documentId: string;
  version: number;
}

/**
 * The job id of one step of one document version. Deterministic, so enqueueing the same step twice
 * (a retried upload, a worker that died after finishing a step but before acknowledging it) adds
 * one job, not two. BullMQ refuses ":" in custom ids; uuids and step names never contain ".".
 */
export function stepJobId(ref: DocumentVersionRef, step: PipelineStep): string {
  return `${ref.tenantId}.${ref.documentId}.v${ref.version}.${step}`;
}
