// Pipeline step and webhook delivery outcomes, from the BullMQ workers' events: nothing in the
// pipeline or the webhook code changes, and a job's own timestamps give its run time.
import { type Job, UnrecoverableError } from "bullmq";
import type { RuntimeMetrics } from "./registry.ts";
import type { UsageCounters } from "./usage.ts";

/** The events read of a BullMQ Worker. */
export interface ObservedWorker<D, R> {
  on(event: "completed", listener: (job: Job<D, R>, result: R) => void): unknown;
  on(event: "failed", listener: (job: Job<D, R> | undefined, err: Error) => void): unknown;
}

function runSeconds(job: Job): number | undefined {
  const { processedOn, finishedOn } = job;
  return processedOn && finishedOn && finishedOn >= processedOn
    ? (finishedOn - processedOn) / 1000
    : undefined;
}

/**
 * Step runs by step and outcome: success, retry (the attempt failed, another follows) or failed
 * (unrecoverable, or attempts exhausted). `steps` is the closed set of step names; anything else
 * in a job is counted as "other".
 */
export function observePipelineWorker(
  metrics: RuntimeMetrics,
  worker: ObservedWorker<{ step?: unknown }, unknown>,
  steps: readonly string[],
): void {
  const known: ReadonlySet<string> = new Set(steps);
  const record = (job: Job<{ step?: unknown }>, outcome: "success" | "retry" | "failed") => {
    const step = typeof job.data?.step === "string" && known.has(job.data.step) ? job.data.step : "other";
    metrics.pipelineSteps.inc({ step, outcome });
    const seconds = runSeconds(job);
    if (seconds !== undefined) metrics.pipelineStepDuration.observe({ step, outcome }, seconds);
  };
  worker.on("completed", (job) => record(job, "success"));
  worker.on("failed", (job, err) => {
    if (!job) return;
    const final =
      err instanceof UnrecoverableError ||
      err.name === "UnrecoverableError" ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    record(job, final ? "failed" : "retry");
  });
}

/**
 * Webhook attempts by outcome: the delivery status the attempt left (`statuses`, a closed set),
 * "skipped" (nothing to deliver: endpoint gone or disabled) or "error" (the job itself failed).
 */
export function observeWebhookWorker(
  metrics: RuntimeMetrics,
  worker: ObservedWorker<unknown, { status?: unknown; skipped?: boolean }>,
  statuses: readonly string[],
): void {
  const known: ReadonlySet<string> = new Set(statuses);
  worker.on("completed", (_job, result) => {
    const status = result?.skipped
      ? "skipped"
      : typeof result?.status === "string" && known.has(result.status)
        ? result.status
        : "other";
    metrics.webhookDeliveries.inc({ outcome: status });
  });
  worker.on("failed", (job) => {
    if (job) metrics.webhookDeliveries.inc({ outcome: "error" });
  });
}

/** Counts a document version for its tenant's bill once its last pipeline step succeeded. */
export function countProcessedDocuments(
  worker: ObservedWorker<{ step?: unknown; ref?: { tenantId?: unknown } }, unknown>,
  lastStep: string,
  usage: Pick<UsageCounters, "count">,
): void {
  worker.on("completed", (job) => {
    const tenantId = job.data?.ref?.tenantId;
    if (job.data?.step === lastStep && typeof tenantId === "string")
      usage.count(tenantId, "documents_processed");
  });
}
