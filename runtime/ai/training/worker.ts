// The worker side of background classifier training: trains the tenant's model (CPU-bound, so one
// job at a time per process) and records the outcome where GET /api/v2/ai/classifier reads it.
// Too few examples is not retried: only new examples can fix it, and they queue a new training.
import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from "bullmq";
import type { Logger } from "pino";
import { ClassifierInputError, type TenantClassifier } from "../classify/index.ts";
import { CLASSIFIER_TRAINING_QUEUE, type TrainingJobData } from "./queue.ts";
import { recordProgress, type TenantScope } from "./record.ts";

export interface ClassifierTrainingWorkerOptions {
  connection: ConnectionOptions;
  /** Redis key prefix, the same as the queue's. @default "bull" */
  prefix?: string;
  classifier: Pick<TenantClassifier, "train">;
  databases: TenantScope;
  logger: Logger;
}

export interface ClassifierTrainingWorker {
  worker: Worker<TrainingJobData>;
  /** Stops taking jobs, lets a running training finish, closes connections. */
  close(): Promise<void>;
}

export function startClassifierTrainingWorker(
  options: ClassifierTrainingWorkerOptions,
): ClassifierTrainingWorker {
  const { connection, prefix = "bull", classifier, databases, logger } = options;
  const worker = new Worker<TrainingJobData>(
    CLASSIFIER_TRAINING_QUEUE,
    async (job: Job<TrainingJobData>) => {
      const { tenantId } = job.data;
      const jobId = job.id ?? "";
      await recordProgress(databases, tenantId, jobId, { status: "running" });
      try {
        const result = await classifier.train(tenantId);
        // The summary a status page shows; the full report (confusion, scale) stays with the model.
        const report = {
          accuracy: result.accuracy,
          perLabel: result.perLabel,
          examples: result.examples,
          labels: result.labels,
          folds: result.folds,
          trainedAt: result.trainedAt.toISOString(),
        };
        await recordProgress(databases, tenantId, jobId, { status: "succeeded", report });
        logger.info({ tenant: tenantId, accuracy: result.accuracy }, "classifier trained");
        return { accuracy: result.accuracy };
      } catch (err) {
        const bad = err instanceof ClassifierInputError;
        const message = err instanceof Error ? err.message : String(err);
        // Recorded before the job ends (and is removed), so a request queued right after cannot be
        // overwritten by this outcome.
        if (bad || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await recordProgress(databases, tenantId, jobId, { status: "failed", error: message });
        }
        if (bad) throw new UnrecoverableError(message);
        throw err;
      }
    },
    // Training is CPU-bound: more than one at a time in a process would only slow each down.
    { connection, prefix, concurrency: 1 },
  );
  worker.on("failed", (job, err) => {
    if (!job) return;
    const final = err.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
    logger[final ? "error" : "warn"](
      { tenant: job.data.tenantId, err: err.message, final },
      "training failed",
    );
  });
  worker.on("error", (err) => logger.error({ err }, "classifier training worker error"));
  return { worker, close: () => worker.close() };
}
