// The delivery queue on BullMQ. One job is one attempt; a retry is a new delayed job, so BullMQ's
// own backoff never adds to the schedule. Job ids are deterministic (BullMQ refuses ":" in them):
// `<eventId>.<endpointId>` for the first attempt, so a repeated fan-out of the same event is
// dropped by Redis too, and `<...>.<attempt>` / `<...>.r<n>.<attempt>` for retries and redeliveries.
import { type ConnectionOptions, Queue } from "bullmq";

export const WEBHOOK_QUEUE = "webhook-deliveries";

export interface DeliveryJobData {
  tenantId: string;
  deliveryId: string;
  /** 1-based attempt within this run (the schedule's index). */
  attempt: number;
  /** Set on attempts started by an admin's redelivery. */
  manual: boolean;
  /** The redelivery run (`r<n>`), part of the job ids of its attempts. */
  run?: string;
}

export interface DeliveryQueueOptions {
  connection: ConnectionOptions;
  /** Redis key prefix (per environment or test run). @default "bull" */
  prefix?: string;
}

/** The id of one attempt's job; `run` distinguishes manual redeliveries of the same message. */
export function deliveryJobId(eventId: string, endpointId: string, attempt: number, run?: string): string {
  const base = `${eventId}.${endpointId}`.replaceAll(":", "_");
  const withRun = run === undefined ? base : `${base}.${run}`;
  return attempt === 1 && run === undefined ? base : `${withRun}.${attempt}`;
}

export class DeliveryQueue {
  readonly queue: Queue<DeliveryJobData>;

  constructor({ connection, prefix = "bull" }: DeliveryQueueOptions) {
    this.queue = new Queue<DeliveryJobData>(WEBHOOK_QUEUE, { connection, prefix });
  }

  async enqueue(jobId: string, data: DeliveryJobData, delayMs = 0): Promise<void> {
    await this.queue.add("deliver", data, {
      jobId,
      delay: Math.max(0, delayMs),
      // The delivery row is the record; finished jobs only need to linger long enough to dedupe.
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      // Only for our own failures (database, Redis): a receiver's failure never throws.
      attempts: 5,
      backoff: { type: "exponential", delay: 1000 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
