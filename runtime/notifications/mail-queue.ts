// The queue notification e-mail goes through: one job per notification under a deterministic id,
// retried with exponential backoff while the SMTP server fails (the row stays `pending` meanwhile,
// so nothing is lost; see mail-worker.ts).
import { type ConnectionOptions, Queue } from "bullmq";

export const MAIL_QUEUE = "wspec-notifications";

export interface MailJobData {
  tenantId: string;
  notificationId: string;
}

export interface MailQueueOptions {
  connection: ConnectionOptions;
  prefix?: string;
  /** Send attempts before the notification's e-mail is marked failed. @default 10 */
  attempts?: number;
  /** First retry delay; each later one doubles. @default 2000 */
  backoffMs?: number;
}

export class MailQueue {
  readonly queue: Queue<MailJobData>;
  readonly #attempts: number;
  readonly #backoffMs: number;

  constructor({ connection, prefix = "bull", attempts = 10, backoffMs = 2000 }: MailQueueOptions) {
    this.queue = new Queue<MailJobData>(MAIL_QUEUE, { connection, prefix });
    this.#attempts = attempts;
    this.#backoffMs = backoffMs;
  }

  async enqueue(data: MailJobData): Promise<void> {
    await this.queue.add("send", data, {
      jobId: `mail.${data.notificationId}`,
      attempts: this.#attempts,
      backoff: { type: "exponential", delay: this.#backoffMs },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
