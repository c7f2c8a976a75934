// Reads what a step needs: the document version's row and the analysis written by earlier steps.
import { and, eq } from "drizzle-orm";
import type { TenantTx } from "../../db/client.ts";
import { documentAnalyses, documents, documentVersions } from "../../db/schema/index.ts";
import { PermanentStepError } from "../pipeline.ts";
import type { DocumentVersionRef } from "../steps.ts";

export async function loadVersion(tx: TenantTx, ref: DocumentVersionRef) {
  const [row] = await tx
    .select({ version: documentVersions, document: documents })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documentVersions.documentId, ref.documentId), eq(documentVersions.version, ref.version)));
  // A deleted tenant, document or version cannot come back by retrying.
  if (!row)
    throw new PermanentStepError(`document ${ref.documentId} version ${ref.version} no longer exists`);
  return row;
}

export async function loadAnalysis(tx: TenantTx, ref: DocumentVersionRef) {
  const [row] = await tx
    .select()
    .from(documentAnalyses)
    .where(and(eq(documentAnalyses.documentId, ref.documentId), eq(documentAnalyses.version, ref.version)));
  return row;
}

/** The text the extract step stored; a later step without it is a bug in the order of steps. */
export async function loadText(tx: TenantTx, ref: DocumentVersionRef): Promise<string> {
  const analysis = await loadAnalysis(tx, ref);
  const text = analysis?.extraction?.text;
  if (typeof text !== "string")
    throw new Error(`no extracted text for ${ref.documentId} v${ref.version}: extract has not run`);
  return text;
}

/** Writes one column of the version's analysis row (each step owns one), creating the row if needed. */
export async function saveAnalysis(
  tx: TenantTx,
  ref: DocumentVersionRef,
  values: Partial<
    Pick<
      typeof documentAnalyses.$inferInsert,
      "extraction" | "classification" | "entities" | "standardization" | "summary"
    >
  >,
) {
  await tx
    .insert(documentAnalyses)
    .values({ tenantId: ref.tenantId, documentId: ref.documentId, version: ref.version, ...values })
    .onConflictDoUpdate({
      target: [documentAnalyses.tenantId, documentAnalyses.documentId, documentAnalyses.version],
      set: { ...values, updatedAt: new Date() },
    });
}

/** Whether the version is still the document's current one (old versions never touch the document row). */
export function isCurrent(document: { currentVersion: number }, ref: DocumentVersionRef): boolean {
  return document.currentVersion === ref.version;
}
