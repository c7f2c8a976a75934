// The worker side of notification e-mail, on the notifications queue:
// - "send": one notification's e-mail. Under the row's lock it sends only a `pending` one and marks
//   it sent, so two deliveries of one job never send twice; an SMTP failure records the attempt and
//   throws, and BullMQ retries with backoff. Only when every attempt failed is it marked `failed`
//   (kept, with the last error): a failing SMTP server loses nothing.
// - "requeue" (scheduled): re-enqueues `pending` rows whose enqueue was lost (Redis down when they
//   were created); the job id keeps one already queued single.
// - "digest" (scheduled, daily by default): one e-mail per user listing their `digest` rows.
import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from "bullmq";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { TenantTx } from "../db/index.ts";
import { notifications, users } from "../db/schema/index.ts";
import { MAIL_QUEUE, type MailJobData, type MailQueue } from "./mail-queue.ts";
import type { Mailer } from "./mailer.ts";
import { renderDigest } from "./templates.ts";

type Databases = { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };

export interface MailWorkerOptions {
  connection: ConnectionOptions;
  prefix?: string;
  databases: Databases;
  mailer: Mailer;
  /** The producer side, for the requeue pass. */
  queue: MailQueue;
  /** The tenants the scheduled passes cover (the registry's ids). */
  tenants: () => readonly string[];
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Milliseconds between digests. @default one day */
  digestEveryMs?: number;
  /** Milliseconds between requeue passes. @default 60_000 */
  requeueEveryMs?: number;
  /** Pending rows younger than this are left to their own enqueue. @default 30_000 */
  requeueGraceMs?: number;
  concurrency?: number;
}

export interface MailWorker {
  worker: Worker;
  close(): Promise<void>;
}

const messageId = (key: string) => `<${key}@notifications.wspec>`;

/** Sends one notification's e-mail if it is still pending. */
export async function sendNotification(
  databases: Databases,
  mailer: Mailer,
  job: MailJobData,
): Promise<"sent" | "skipped"> {
  const outcome = await databases.withTenant(job.tenantId, async (tx) => {
    const [row] = await tx
      .select({ n: notifications, email: users.email })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(notifications.id, job.notificationId))
      .for("update", { of: notifications });
    if (row?.n.emailStatus !== "pending") return { result: "skipped" as const };
    try {
      await mailer.send({
        to: row.email,
        subject: row.n.title,
        text: row.n.body,
        messageId: messageId(row.n.id),
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await tx
        .update(notifications)
        .set({ emailAttempts: sql`${notifications.emailAttempts} + 1`, emailError: error.slice(0, 500) })
        .where(eq(notifications.id, row.n.id));
      return { error };
    }
    await tx
      .update(notifications)
      .set({
        emailStatus: "sent",
        emailedAt: sql`now()`,
        emailAttempts: sql`${notifications.emailAttempts} + 1`,
        emailError: null,
      })
      .where(eq(notifications.id, row.n.id));
    return { result: "sent" as const };
  });
  if ("error" in outcome) throw new Error(`SMTP: ${outcome.error}`);
  return outcome.result;
}

/** Re-enqueues a tenant's pending e-mail older than the grace period; returns how many. */
export async function requeuePending(
  databases: Databases,
  queue: Pick<MailQueue, "enqueue">,
  tenantId: string,
  graceMs: number,
): Promise<number> {
  const rows = await databases.withTenant(tenantId, (tx) =>
    tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.emailStatus, "pending"),
          lt(notifications.createdAt, sql`now() - make_interval(secs => ${graceMs / 1000})`),
        ),
      )
      .orderBy(asc(notifications.createdAt))
      .limit(1000),
  );
  for (const r of rows) await queue.enqueue({ tenantId, notificationId: r.id });
  return rows.length;
}

/** Sends each user of the tenant one digest of their `digest` rows; a failed send leaves them for the next. */
export async function sendDigests(databases: Databases, mailer: Mailer, tenantId: string): Promise<number> {
  const waiting = await databases.withTenant(tenantId, (tx) =>
    tx
      .selectDistinct({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.emailStatus, "digest")),
  );
  let sent = 0;
  for (const { userId } of waiting) {
    await databases.withTenant(tenantId, async (tx) => {
      const rows = await tx
        .select({ n: notifications, email: users.email })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(and(eq(notifications.userId, userId), eq(notifications.emailStatus, "digest")))
        .orderBy(asc(notifications.createdAt), asc(notifications.id))
        .limit(200)
        .for("update", { of: notifications, skipLocked: true });
      const first = rows[0];
      if (!first) return;
      const digest = renderDigest(rows.map((r) => ({ title: r.n.title, body: r.n.body })));
      await mailer.send({
        to: first.email,
        subject: digest.title,
        text: digest.body,
        messageId: messageId(`digest-${first.n.id}`),
      });
      await tx
        .update(notifications)
        .set({
          emailStatus: "sent",
          emailedAt: sql`now()`,
          emailAttempts: sql`${notifications.emailAttempts} + 1`,
        })
        .where(
          inArray(
            notifications.id,
            rows.map((r) => r.n.id),
          ),
        );
      sent += 1;
    });
  }
  return sent;
}

export async function startMailWorker(opts: MailWorkerOptions): Promise<MailWorker> {
  const { connection, prefix = "bull", databases, mailer, logger } = opts;
  const forEachTenant = async (what: string, fn: (tenantId: string) => Promise<number>) => {
    let n = 0;
    for (const tenantId of opts.tenants()) {
      try {
        n += await fn(tenantId);
      } catch (err) {
        logger.error({ err, tenant: tenantId }, `notification ${what} failed; retrying at the next run`);
      }
    }
    return n;
  };
  const worker = new Worker<MailJobData>(
    MAIL_QUEUE,
    async (job: Job<MailJobData>) => {
      if (job.name === "requeue") {
        const grace = opts.requeueGraceMs ?? 30_000;
        return {
          requeued: await forEachTenant("requeue", (t) => requeuePending(databases, opts.queue, t, grace)),
        };
      }
      if (job.name === "digest") {
        return { digests: await forEachTenant("digest", (t) => sendDigests(databases, mailer, t)) };
      }
      if (job.name !== "send") throw new UnrecoverableError(`unknown job ${job.name}`);
      return { result: await sendNotification(databases, mailer, job.data) };
    },
    { connection, prefix, concurrency: opts.concurrency ?? 4 },
  );
  worker.on("failed", (job, err) => {
    if (job?.name !== "send") return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    logger[final ? "error" : "warn"](
      { notification: job.data.notificationId, err: err.message, final },
      "notification e-mail failed",
    );
    if (!final) return;
    databases
      .withTenant(job.data.tenantId, (tx) =>
        tx
          .update(notifications)
          .set({ emailStatus: "failed" })
          .where(
            and(eq(notifications.id, job.data.notificationId), eq(notifications.emailStatus, "pending")),
          ),
      )
      .catch((e: Error) => logger.error({ err: e }, "could not record a failed notification e-mail"));
  });
  worker.on("error", (err) => logger.error({ err }, "notification worker error"));
  // Idempotent upserts: every worker declares the same two schedules, Redis keeps one of each.
  // Declared in the background, again after a failure, so a worker starting while Redis is down
  // still starts.
  let closed = false;
  const declare = (id: string, name: string, every: number): void => {
    opts.queue.queue
      .upsertJobScheduler(
        id,
        { every },
        { name, opts: { removeOnComplete: { count: 20 }, removeOnFail: { count: 20 } } },
      )
      .catch((err: Error) => {
        if (closed) return;
        logger.warn(
          { err: err.message, schedule: id },
          "notification schedule not declared yet; retrying in 30 s",
        );
        setTimeout(() => declare(id, name, every), 30_000).unref();
      });
  };
  declare("notifications-digest", "digest", opts.digestEveryMs ?? 86_400_000);
  declare("notifications-requeue", "requeue", opts.requeueEveryMs ?? 60_000);
  return {
    worker,
    async close() {
      closed = true;
      await worker.close();
      mailer.close();
    },
  };
}
