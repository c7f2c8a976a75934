// The document pipeline on BullMQ: one queue, one job per (document version, step). A step that
// succeeds enqueues the next one under its deterministic id, so a worker that dies anywhere in
// between leaves either the same job to retry or the next job already queued, never a gap and
// never two copies. Retries back off exponentially with jitter; errors marked unrecoverable (bytes
// that cannot be read, a document that no longer exists) fail at once. Every start, success and
// failure goes to a StepRecorder, which keeps the document's processing record (see ./record).
import { type ConnectionOptions, type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Logger } from "pino";
import { type BackoffOptions, retryDelayMs } from "./backoff.ts";
import { type DocumentVersionRef, nextStep, PIPELINE_STEPS, type PipelineStep, stepJobId } from "./steps.ts";

export const PIPELINE_QUEUE = "wspec-pipeline";

export interface StepJobData {
  ref: DocumentVersionRef;
  step: PipelineStep;
}

export interface StepContext {
  ref: DocumentVersionRef;
  step: PipelineStep;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  logger: Logger;
}

/** Runs one step; returns a small summary kept in the processing record. Must be idempotent. */
export type StepHandler = (ctx: StepContext) => Promise<Record<string, unknown> | undefined>;

export interface StepRecorder {
  started(ref: DocumentVersionRef, step: PipelineStep, attempt: number): Promise<void>;
  succeeded(ref: DocumentVersionRef, step: PipelineStep, summary: Record<string, unknown>): Promise<void>;
  /** `final`: no retry follows (unrecoverable, or attempts exhausted). */
  failed(
    ref: DocumentVersionRef,
    step: PipelineStep,
    reason: string,
    final: boolean,
    attempt: number,
  ): Promise<void>;
}

/** Thrown by a step for input that no retry can fix; the step fails at once. */
export class PermanentStepError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentStepError";
  }
}

export interface PipelineOptions {
  connection: ConnectionOptions;
  /** Redis key prefix (per environment or test run). @default "bull" */
  prefix?: string;
  /** Runs per step before giving up. @default 5 */
  attempts?: number;
}

const KEEP_SECONDS = 7 * 24 * 3600;

function jobOptions(ref: DocumentVersionRef, step: PipelineStep, attempts: number) {
  return {
    jobId: stepJobId(ref, step),
    attempts,
    backoff: { type: "jittered" },
    // Completed jobs stay long enough that a late duplicate enqueue finds them and adds nothing.
    removeOnComplete: { age: KEEP_SECONDS },
    removeOnFail: { age: KEEP_SECONDS },
  };
}

/** The producer side: what the upload route calls. */
export class Pipeline {
  readonly queue: Queue<StepJobData>;
  readonly #attempts: number;

  constructor({ connection, prefix = "bull", attempts = 5 }: PipelineOptions) {
    this.queue = new Queue<StepJobData>(PIPELINE_QUEUE, { connection, prefix });
    this.#attempts = attempts;
  }

  /** Starts (or restarts) processing of a document version at `from` (default: the first step). */
  async enqueue(ref: DocumentVersionRef, from: PipelineStep = PIPELINE_STEPS[0]): Promise<void> {
    await this.queue.add(from, { ref, step: from }, jobOptions(ref, from, this.#attempts));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export interface WorkerOptions extends PipelineOptions {
  handlers: Record<PipelineStep, StepHandler>;
  recorder: StepRecorder;
  logger: Logger;
  /** Jobs processed at once by this process. @default 4 */
  concurrency?: number;
  backoff?: BackoffOptions;
  /** How long a job's lock lasts without renewal: a dead worker's job is retried after it. @default 30_000 */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. @default 15_000 */
  stalledIntervalMs?: number;
}

export interface PipelineWorker {
  worker: Worker<StepJobData>;
  /** Stops taking jobs, lets running ones finish, closes connections. */
  close(): Promise<void>;
}

export function startPipelineWorker(options: WorkerOptions): PipelineWorker {
  const { connection, prefix = "bull", attempts = 5, handlers, recorder, logger } = options;
  const next = new Pipeline({ connection, prefix, attempts });
  const worker = new Worker<StepJobData>(
    PIPELINE_QUEUE,
    async (job: Job<StepJobData>) => {
      const { ref, step } = job.data;
      const attempt = job.attemptsMade + 1;
      const log = logger.child({
        tenant: ref.tenantId,
        document: ref.documentId,
        version: ref.version,
        step,
        attempt,
      });
      await recorder.started(ref, step, attempt);
      let summary: Record<string, unknown> | undefined;
      try {
        summary = await handlers[step]({ ref, step, attempt, logger: log });
      } catch (err) {
        if (err instanceof PermanentStepError) throw new UnrecoverableError(err.message);
        throw err;
      }
      await recorder.succeeded(ref, step, summary ?? {});
      const following = nextStep(step);
      if (following) await next.enqueue(ref, following);
      log.info({ summary }, "step done");
      return summary ?? {};
    },
    {
      connection,
      prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, options.backoff) },
    },
  );
  worker.on("failed", (job, err) => {
    if (!job) return;
    const { ref, step } = job.data;
    const final =
      err instanceof UnrecoverableError ||
      err.name === "UnrecoverableError" ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    logger[final ? "error" : "warn"](
      { tenant: ref.tenantId, document: ref.documentId, step, err: err.message, final },
      "step failed",
    );
    recorder
      .failed(ref, step, err.message, final, job.attemptsMade)
      .catch((e: Error) => logger.error({ err: e }, "could not record a step failure"));
  });
  worker.on("error", (err) => logger.error({ err }, "pipeline worker error"));
  return {
    worker,
    async close() {
      await worker.close();
      await next.close();
    },
  };
}
