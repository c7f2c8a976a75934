// Test support (imported by tests only): documents as the upload route leaves them for the
// pipeline, and waiting for the pipeline to settle one.
import { eq } from "drizzle-orm";
import type { AuthFixture } from "../../auth/stores/testing.ts";
import { documents, documentVersions } from "../../db/schema/index.ts";
import { objectKey, type StorageDriver, sha256Hex } from "../../storage/index.ts";

export interface StoredRef {
  readonly tenantId: string;
  readonly documentId: string;
  readonly version: number;
}

/** A document as the upload route leaves it: object first, then the rows. */
export async function storeDocument(
  fx: AuthFixture,
  storage: StorageDriver,
  tenantId: string,
  name: string,
  contentType: string,
  bytes: Uint8Array,
): Promise<StoredRef> {
  const documentId = crypto.randomUUID();
  const createdAt = new Date();
  const key = objectKey({
    tenant: tenantId,
    category: "uncategorized",
    createdAt,
    document: documentId,
    version: 1,
  });
  const sha256 = sha256Hex(bytes);
  await storage.put(key, bytes, { sha256, size: bytes.length, contentType });
  await fx.dbs.withTenant(tenantId, async (tx) => {
    await tx.insert(documents).values({
      id: documentId,
      tenantId,
      name,
      contentType,
      sizeBytes: bytes.length,
      checksumSha256: sha256,
      storageKey: key,
      createdAt,
    });
    await tx.insert(documentVersions).values({
      tenantId,
      documentId,
      version: 1,
      storageKey: key,
      contentType,
      sizeBytes: bytes.length,
      checksumSha256: sha256,
    });
  });
  return { tenantId, documentId, version: 1 };
}

/** The document's row once the pipeline has made it ready or failed it. */
export async function settledDocument(
  fx: AuthFixture,
  ref: { tenantId: string; documentId: string },
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [doc] = await fx.dbs.withTenant(ref.tenantId, (tx) =>
      tx.select().from(documents).where(eq(documents.id, ref.documentId)),
    );
    if (doc && (doc.status === "ready" || doc.status === "failed")) return doc;
    if (Date.now() > deadline) throw new Error(`document ${ref.documentId} still ${doc?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
