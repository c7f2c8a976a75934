// The schedule of retention disposal: a BullMQ job scheduler (a repeatable job, upserted under one
// id by every worker, so there is one schedule however many workers start) whose jobs run a
// disposal pass over every tenant. BullMQ hands each job to one worker; a pass that outlasts the
// interval can meet the next job on another worker, and then the tenant lease (run.ts) lets only
// one of them dispose.
import { type ConnectionOptions, type Job, Queue, Worker } from "bullmq";
import type { Logger } from "pino";
import { type RetentionDeps, runTenantRetention } from "./run.ts";

export const RETENTION_QUEUE = "wspec-retention";
export const RETENTION_SCHEDULER_ID = "retention-disposal";

export interface RetentionSchedulerOptions {
  connection: ConnectionOptions;
  /** Redis key prefix. @default "bull" */
  prefix?: string;
  /** Milliseconds between scheduled runs. */
  everyMs: number;
  /** The tenants a pass covers (the registry's ids, read on every pass). */
  tenants: () => readonly string[];
  deps: RetentionDeps;
  logger: Pick<Logger, "info" | "warn" | "error">;
}

export interface PassSummary {
  tenants: number;
  disposed: number;
  failed: number;
  skipped: number;
}

export interface RetentionScheduler {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

/** One pass over every tenant; a tenant's failure is logged and does not stop the others. */
export async function disposalPass(
  opts: Pick<RetentionSchedulerOptions, "tenants" | "deps" | "logger">,
): Promise<PassSummary> {
  const summary: PassSummary = { tenants: 0, disposed: 0, failed: 0, skipped: 0 };
  for (const tenantId of opts.tenants()) {
    summary.tenants += 1;
    try {
      const report = await runTenantRetention(opts.deps, tenantId, { dryRun: false });
      summary.disposed += report.disposed.length;
      summary.failed += report.failed.length;
      if (report.skipped) summary.skipped += 1;
    } catch (err) {
      summary.failed += 1;
      opts.logger.error({ err, tenant: tenantId }, "retention run failed; retrying at the next run");
    }
  }
  return summary;
}

export async function startRetentionScheduler(opts: RetentionSchedulerOptions): Promise<RetentionScheduler> {
  const { connection, prefix = "bull", everyMs } = opts;
  const queue = new Queue(RETENTION_QUEUE, { connection, prefix });
  const worker = new Worker(
    RETENTION_QUEUE,
    async (_job: Job) => {
      const summary = await disposalPass(opts);
      if (summary.disposed > 0 || summary.failed > 0) opts.logger.info(summary, "retention pass done");
      return summary;
    },
    // One pass at a time per process; passes are long and mostly wait on storage and the database.
    { connection, prefix, concurrency: 1 },
  );
  worker.on("error", (err) => opts.logger.error({ err }, "retention worker error"));
  // Upserting is idempotent: every worker declares the same schedule, Redis keeps one. Declared in
  // the background, again after a failure, so a worker starting while Redis is down still starts.
  let closed = false;
  const declare = (): void => {
    queue
      .upsertJobScheduler(
        RETENTION_SCHEDULER_ID,
        { every: everyMs },
        { name: "dispose", data: {}, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
      )
      .catch((err: Error) => {
        if (closed) return;
        opts.logger.warn({ err: err.message }, "retention schedule not declared yet; retrying in 30 s");
        setTimeout(declare, 30_000).unref();
      });
  };
  declare();
  return {
    queue,
    worker,
    async close() {
      closed = true;
      await worker.close();
      await queue.close();
    },
  };
}
