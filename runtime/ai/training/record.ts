// The tenant's latest background training in PostgreSQL (classifier_trainings, forced RLS): what
// GET /api/v2/ai/classifier shows while a training is queued or running and after it ends.
import { eq } from "drizzle-orm";
import type { TenantTx } from "../../db/index.ts";
import { type ClassifierTraining, classifierTrainings } from "../../db/schema/index.ts";

export interface TenantScope {
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
}

export type TrainingStatus = ClassifierTraining["status"];

/** A new request replaces the last one's outcome: the row always describes the latest training. */
export function recordQueued(db: TenantScope, tenantId: string, jobId: string, at: Date): Promise<void> {
  const values = {
    jobId,
    status: "queued" as const,
    error: null,
    report: null,
    requestedAt: at,
    startedAt: null,
    finishedAt: null,
  };
  return db.withTenant(tenantId, async (tx) => {
    await tx
      .insert(classifierTrainings)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: classifierTrainings.tenantId, set: values });
  });
}

/**
 * The worker's updates. An upsert, so a training whose queued row is missing (queued by the
 * example route's automatic retrain, or the row deleted) is still recorded.
 */
export function recordProgress(
  db: TenantScope,
  tenantId: string,
  jobId: string,
  update:
    | { status: "running" }
    | { status: "succeeded"; report: Record<string, unknown> }
    | { status: "failed"; error: string },
): Promise<void> {
  const at = new Date();
  const values =
    update.status === "running"
      ? { status: update.status, startedAt: at, finishedAt: null, error: null, report: null }
      : update.status === "succeeded"
        ? { status: update.status, finishedAt: at, error: null, report: update.report }
        : { status: update.status, finishedAt: at, error: update.error };
  return db.withTenant(tenantId, async (tx) => {
    await tx
      .insert(classifierTrainings)
      .values({ tenantId, jobId, requestedAt: at, ...values })
      .onConflictDoUpdate({
        target: classifierTrainings.tenantId,
        set: { jobId, ...values },
      });
  });
}

export async function lastTraining(
  db: TenantScope,
  tenantId: string,
): Promise<ClassifierTraining | undefined> {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx.select().from(classifierTrainings).where(eq(classifierTrainings.tenantId, tenantId)),
  );
  return row;
}
