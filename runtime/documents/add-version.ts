// A new current version: from uploaded bytes (put under v{n+1}) or by restoring an older version
// (its object is reused: objects are immutable). The document row stays locked from reading n to
// committing n+1, so concurrent version uploads cannot both claim v{n+1} and overwrite each
// other's object; if the transaction fails after the put, the object is deleted again.
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { ApiError, type TenantContext } from "../app/index.ts";
import type { Principal } from "../auth/rbac.ts";
import type { TenantTx } from "../db/index.ts";
import { type Document, type DocumentVersion, documents, documentVersions } from "../db/schema/index.ts";
import { objectKey } from "../storage/index.ts";
import { segmentFor } from "./category.ts";
import { auditDocument, now } from "./context.ts";
import type { DocumentRouteDeps } from "./deps.ts";
import { findEditable } from "./find.ts";
import type { Spooled } from "./upload/spool.ts";

export type VersionSource =
  | { kind: "upload"; file: Spooled; contentType: string; name?: string; comment?: string }
  | { kind: "restore"; version: number };

export interface AddedVersion {
  document: Document;
  /** false: the bytes equal the current version's, nothing was added. */
  created: boolean;
}

export async function addVersion(
  c: Context,
  deps: DocumentRouteDeps,
  input: { tenant: TenantContext; principal: Principal; id: string; source: VersionSource },
): Promise<AddedVersion> {
  const { tenant, principal, id, source } = input;
  const at = now(c);
  let written: string | undefined;
  try {
    return await deps.databases.withTenant(tenant.id, async (tx) => {
      const doc = await findEditable(tx, principal, id, at);
      const next = doc.currentVersion + 1;
      let content: Pick<DocumentVersion, "storageKey" | "contentType" | "sizeBytes" | "checksumSha256">;
      let comment: string;
      if (source.kind === "upload") {
        if (source.file.sha256 === doc.checksumSha256) return { document: doc, created: false };
        const key = objectKey({
          tenant: tenant.id,
          category: await segmentFor(tx, doc.categoryId),
          createdAt: doc.createdAt,
          document: doc.id,
          version: next,
        });
        await source.file.putTo(deps.driver, key, source.contentType);
        written = key;
        content = {
          storageKey: key,
          contentType: source.contentType,
          sizeBytes: source.file.size,
          checksumSha256: source.file.sha256,
        };
        comment = source.comment ?? "";
      } else {
        const old = await findVersion(tx, doc.id, source.version);
        if (old.checksumSha256 === doc.checksumSha256) return { document: doc, created: false };
        content = old;
        comment = `restored from version ${old.version}`;
      }
      const document = await commitVersion(tx, doc, next, content, {
        comment,
        by: principal.kind === "user" ? principal.id : null,
        at,
        ...(source.kind === "upload" && source.name ? { name: source.name } : {}),
      });
      await auditDocument(
        c,
        deps,
        tx,
        tenant.id,
        doc.id,
        source.kind === "upload" ? "document.version.create" : "document.version.restore",
        {
          version: next,
          checksum_sha256: content.checksumSha256,
          ...(source.kind === "restore" ? { restored_from: source.version } : {}),
        },
      );
      return { document, created: true };
    });
  } catch (err) {
    if (written) {
      const key = written;
      await deps.driver.delete(key).catch((e: Error) => {
        c.get("logger")?.warn({ err: e, key }, "object of a failed version not deleted; the sweeper will");
      });
    }
    throw err;
  }
}

export async function findVersion(
  tx: TenantTx,
  documentId: string,
  version: number,
): Promise<DocumentVersion> {
  const [row] = await tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
  if (!row) {
    throw new ApiError({
      code: "NOT_FOUND",
      message: `version ${version} of document ${documentId} not found`,
      details: [{ field: "version", message: "no such version" }],
    });
  }
  return row;
}

async function commitVersion(
  tx: TenantTx,
  doc: Document,
  version: number,
  content: Pick<DocumentVersion, "storageKey" | "contentType" | "sizeBytes" | "checksumSha256">,
  meta: { comment: string; by: string | null; at: Date; name?: string },
): Promise<Document> {
  await tx.insert(documentVersions).values({
    tenantId: doc.tenantId,
    documentId: doc.id,
    version,
    storageKey: content.storageKey,
    contentType: content.contentType,
    sizeBytes: content.sizeBytes,
    checksumSha256: content.checksumSha256,
    comment: meta.comment,
    createdBy: meta.by,
    createdAt: meta.at,
  });
  const [after] = await tx
    .update(documents)
    .set({
      storageKey: content.storageKey,
      contentType: content.contentType,
      sizeBytes: content.sizeBytes,
      checksumSha256: content.checksumSha256,
      currentVersion: version,
      updatedAt: meta.at,
      ...(meta.name ? { name: meta.name } : {}),
    })
    .where(eq(documents.id, doc.id))
    .returning();
  if (!after) throw new Error(`document ${doc.id} vanished under its lock`);
  return after;
}
