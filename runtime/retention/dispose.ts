// Disposing of one document whose retention ended. Under the document's row lock the runner
// re-checks that it is still due (a legal hold placed since the listing wins), deletes the rows —
// the document; its versions, processing record, analyses (entities, classification), compliance
// results, shares and outbox rows by cascade; training examples copied from it explicitly — and
// appends the disposal certificate to the audit chain, all in one transaction. The objects go
// after the commit: a crash in between leaves unreferenced objects that the orphan sweeper
// removes, never a row pointing at destroyed bytes.
import { eq } from "drizzle-orm";
import { type AuditOptions, appendAudit } from "../audit/index.ts";
import type { TenantTx } from "../db/index.ts";
import { classifierExamples, documents, documentVersions } from "../db/schema/index.ts";
import type { StorageDriver } from "../storage/index.ts";
import { type DueDocument, dueDocuments } from "./due.ts";

export const DISPOSAL_ACTION = "retention.dispose";

export interface DisposalCertificate {
  document: DueDocument;
  /** Every version destroyed: its object and content hash (the bytes themselves are gone). */
  destroyed_versions: { version: number; storage_key: string; checksum_sha256: string; size_bytes: number }[];
  derived_data: string[];
  disposed_at: string;
  run_id: string;
}

/** What the transaction decided; `keys` are deleted from storage after it commits. */
export type Disposal =
  | { disposed: true; certificate: DisposalCertificate; keys: string[] }
  | { disposed: false; reason: string };

export async function disposeInTx(
  tx: TenantTx,
  input: {
    tenantId: string;
    documentId: string;
    now: Date;
    runId: string;
    auditKey?: NonNullable<AuditOptions["key"]>;
  },
): Promise<Disposal> {
  const [due] = await dueDocuments(tx, {
    now: input.now,
    limit: 1,
    documentId: input.documentId,
    lock: true,
  });
  // Gone (another run disposed of it), placed on hold, or its retention was extended meanwhile.
  if (!due) return { disposed: false, reason: "no longer due" };
  const versions = await tx
    .select({
      version: documentVersions.version,
      storageKey: documentVersions.storageKey,
      checksum: documentVersions.checksumSha256,
      size: documentVersions.sizeBytes,
    })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, due.document_id));
  const [doc] = await tx
    .select({ storageKey: documents.storageKey })
    .from(documents)
    .where(eq(documents.id, due.document_id));
  await tx.delete(classifierExamples).where(eq(classifierExamples.documentId, due.document_id));
  await tx.delete(documents).where(eq(documents.id, due.document_id));
  const certificate: DisposalCertificate = {
    document: due,
    destroyed_versions: versions
      .sort((a, b) => a.version - b.version)
      .map((v) => ({
        version: v.version,
        storage_key: v.storageKey,
        checksum_sha256: v.checksum,
        size_bytes: v.size,
      })),
    derived_data: [
      "document_versions",
      "document_processing",
      "document_analyses",
      "compliance_checks",
      "document_permissions",
      "classifier_examples",
      "search_index",
    ],
    disposed_at: input.now.toISOString(),
    run_id: input.runId,
  };
  await appendAudit(
    tx,
    input.tenantId,
    {
      actorType: "system",
      action: DISPOSAL_ACTION,
      resourceType: "document",
      resourceId: due.document_id,
      metadata: { certificate },
    },
    input.auditKey ? { key: input.auditKey } : {},
  );
  const keys = new Set(versions.map((v) => v.storageKey));
  if (doc) keys.add(doc.storageKey);
  return { disposed: true, certificate, keys: [...keys] };
}

/** Deletes the objects of a committed disposal; returns the keys that could not be deleted. */
export async function destroyObjects(driver: Pick<StorageDriver, "delete">, keys: readonly string[]) {
  const failed: { key: string; error: string }[] = [];
  for (const key of keys) {
    try {
      await driver.delete(key);
    } catch (err) {
      failed.push({ key, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return failed;
}
