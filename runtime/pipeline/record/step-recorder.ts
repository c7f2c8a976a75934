// The processing record in PostgreSQL: one row per (document version, step), and the document's
// status derived from it (processing → ready, or failed with the step and reason visible through
// the API). Writes are upserts keyed by the row's identity, so a step recorded twice after a
// crash leaves one row with the latest state.
import { and, eq, notInArray, sql } from "drizzle-orm";
import type { TenantTx } from "../../db/client.ts";
import { documentProcessing, documents } from "../../db/schema/index.ts";
import type { StepRecorder } from "../pipeline.ts";
import { type DocumentVersionRef, PIPELINE_STEPS, type PipelineStep } from "../steps.ts";

export interface TenantScope {
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
}

const LAST_STEP = PIPELINE_STEPS[PIPELINE_STEPS.length - 1];

/**
 * Only the document's current version decides its status; an old version's run changes nothing.
 * Neither does a run on a document the virus scan holds or quarantined (runtime/scan): a stray or
 * late run (fail open, then found infected) must not make it look servable again.
 */
async function setDocumentStatus(
  tx: TenantTx,
  ref: DocumentVersionRef,
  status: "processing" | "ready" | "failed",
) {
  await tx
    .update(documents)
    .set({ status, updatedAt: sql`now()` })
    .where(
      and(
        eq(documents.id, ref.documentId),
        eq(documents.currentVersion, ref.version),
        notInArray(documents.status, ["pending_scan", "quarantined"]),
      ),
    );
}

function upsert(
  tx: TenantTx,
  ref: DocumentVersionRef,
  step: PipelineStep,
  values: Partial<typeof documentProcessing.$inferInsert>,
) {
  return tx
    .insert(documentProcessing)
    .values({ tenantId: ref.tenantId, documentId: ref.documentId, version: ref.version, step, ...values })
    .onConflictDoUpdate({
      target: [
        documentProcessing.tenantId,
        documentProcessing.documentId,
        documentProcessing.version,
        documentProcessing.step,
      ],
      set: { ...values, updatedAt: sql`now()` },
    });
}

export function databaseStepRecorder(databases: TenantScope): StepRecorder {
  return {
    started: (ref, step, attempt) =>
      databases.withTenant(ref.tenantId, async (tx) => {
        await upsert(tx, ref, step, {
          status: "running",
          attempts: attempt,
          startedAt: new Date(),
          finishedAt: null,
        });
        if (step === PIPELINE_STEPS[0]) await setDocumentStatus(tx, ref, "processing");
      }),
    succeeded: (ref, step, summary) =>
      databases.withTenant(ref.tenantId, async (tx) => {
        await upsert(tx, ref, step, {
          status: "succeeded",
          summary,
          lastError: null,
          finishedAt: new Date(),
        });
        if (step === LAST_STEP) await setDocumentStatus(tx, ref, "ready");
      }),
    failed: (ref, step, reason, final, attempt) =>
      databases.withTenant(ref.tenantId, async (tx) => {
        // Errors are ours (library messages), but cap them: a row is not a log.
        const lastError = reason.slice(0, 2000);
        await upsert(tx, ref, step, {
          status: final ? "failed" : "pending",
          attempts: attempt,
          lastError,
          finishedAt: final ? new Date() : null,
        });
        if (final) await setDocumentStatus(tx, ref, "failed");
      }),
  };
}
