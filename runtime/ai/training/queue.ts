// Background training of tenant classifiers on BullMQ. One job id per tenant: while a training is
// waiting or running, another request joins it instead of queueing a second; finished jobs are
// removed at once so the next request can queue a fresh one (the outcome lives in PostgreSQL).
import { type ConnectionOptions, Queue } from "bullmq";
import { recordQueued, type TenantScope } from "./record.ts";

export const CLASSIFIER_TRAINING_QUEUE = "wspec-classifier-training";

export interface TrainingJobData {
  tenantId: string;
}

/** BullMQ refuses ":" in custom ids; uuids never contain ".". */
export function trainingJobId(tenantId: string): string {
  return `classifier-train.${tenantId}`;
}

const PENDING = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

export interface TrainingRequest {
  jobId: string;
  /** false: a training of this tenant was already waiting or running; this request joined it. */
  queued: boolean;
}

export class ClassifierTrainingQueue {
  readonly queue: Queue<TrainingJobData>;
  readonly #databases: TenantScope;
  readonly #attempts: number;

  constructor(options: {
    connection: ConnectionOptions;
    prefix?: string;
    databases: TenantScope;
    /** Runs before giving up on errors other than bad examples. @default 3 */
    attempts?: number;
  }) {
    this.queue = new Queue<TrainingJobData>(CLASSIFIER_TRAINING_QUEUE, {
      connection: options.connection,
      prefix: options.prefix ?? "bull",
    });
    this.#databases = options.databases;
    this.#attempts = options.attempts ?? 3;
  }

  async request(tenantId: string, at = new Date()): Promise<TrainingRequest> {
    const jobId = trainingJobId(tenantId);
    const existing = await this.queue.getJob(jobId);
    if (existing && PENDING.has(await existing.getState())) return { jobId, queued: false };
    // Recorded before the add, so the worker's "running" can never be overwritten by "queued".
    await recordQueued(this.#databases, tenantId, jobId, at);
    await this.queue.add(
      "train",
      { tenantId },
      {
        jobId,
        attempts: this.#attempts,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
    return { jobId, queued: true };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
