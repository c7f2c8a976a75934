// The delivery worker: each job is one attempt (attemptDelivery records it); a retryable failure
// becomes a new delayed job at the schedule's delay, so the schedule alone decides the timing.
import { type ConnectionOptions, Worker } from "bullmq";
import type { Logger } from "pino";
import { type AttemptDeps, attemptDelivery } from "./attempt.ts";
import { type DeliveryJobData, DeliveryQueue, deliveryJobId, WEBHOOK_QUEUE } from "./queue.ts";

export interface WebhookWorkerOptions extends AttemptDeps {
  connection: ConnectionOptions;
  /** Redis key prefix (per environment or test run). @default "bull" */
  prefix?: string;
  /** Deliveries in flight at once. @default 10 */
  concurrency?: number;
  logger?: Logger;
}

export interface WebhookWorker {
  worker: Worker<DeliveryJobData>;
  close(): Promise<void>;
}

export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { connection, prefix = "bull", concurrency = 10, logger } = options;
  const retries = new DeliveryQueue({ connection, prefix });
  const worker = new Worker<DeliveryJobData>(
    WEBHOOK_QUEUE,
    async (job) => {
      const data = job.data;
      const outcome = await attemptDelivery(options, data, { retry: true });
      if (!outcome) return { skipped: true };
      logger?.info(
        {
          tenantId: data.tenantId,
          deliveryId: data.deliveryId,
          attempt: data.attempt,
          status: outcome.status,
          httpStatus: outcome.result.status,
        },
        "webhook attempt",
      );
      if (outcome.retryInMs !== null) {
        const next = data.attempt + 1;
        await retries.enqueue(
          deliveryJobId(outcome.eventId, outcome.endpointId, next, data.run),
          { ...data, attempt: next },
          outcome.retryInMs,
        );
      }
      return { status: outcome.status, attempt: data.attempt };
    },
    { connection, prefix, concurrency },
  );
  worker.on("failed", (job, err) =>
    logger?.error({ err, jobId: job?.id, deliveryId: job?.data.deliveryId }, "webhook job failed"),
  );
  return {
    worker,
    async close() {
      await worker.close();
      await retries.close();
    },
  };
}
