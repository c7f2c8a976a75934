// Creating a document from a spooled upload. Order matters for crash safety: the object is
// written first and the rows (document, version 1, audit) second, in one transaction; if that
// transaction fails the object is deleted again (the orphan sweeper is the backstop for a crash
// in between). So no row ever points at a missing object.
//
// Dedup: a live document with the same SHA-256 in the tenant is answered instead of storing a
// second copy. The check before the put makes the common case store nothing; the partial unique
// index (tenant_id, checksum_sha256) where deleted_at is null settles concurrent uploads.
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { TenantContext } from "../app/index.ts";
import type { Principal } from "../auth/rbac.ts";
import type { TenantTx } from "../db/index.ts";
import { type Document, documents, documentVersions } from "../db/schema/index.ts";
import { objectKey } from "../storage/index.ts";
import { segmentFor } from "./category.ts";
import { auditDocument, now } from "./context.ts";
import type { DocumentRouteDeps } from "./deps.ts";
import type { VirusScanOutcome } from "./events.ts";
import { conflict, isDuplicateChecksum } from "./errors.ts";
import type { Spooled } from "./upload/spool.ts";
import type { DocumentFields } from "./upload/upload-fields.ts";
import { visibleTo } from "./visibility.ts";

export interface CreateInput {
  tenant: TenantContext;
  principal: Principal;
  file: Spooled;
  name: string;
  contentType: string;
  fields: DocumentFields;
  /** The upload's virus scan (runtime/scan); "pending" stores the document in pending_scan. */
  virusScan?: VirusScanOutcome;
}

export async function createDocument(
  c: Context,
  deps: DocumentRouteDeps,
  input: CreateInput,
): Promise<{ document: Document; deduplicated: boolean }> {
  const { tenant, principal, file } = input;
  const createdAt = now(c);
  const before = await deps.databases.withTenant(tenant.id, async (tx) => {
    const existing = await duplicateOf(tx, principal, file.sha256, createdAt);
    if (existing) return { existing };
    return { segment: await segmentFor(tx, input.fields.category_id) };
  });
  if (before.existing) return { document: before.existing, deduplicated: true };

  const id = randomUUID();
  const key = objectKey({
    tenant: tenant.id,
    category: before.segment,
    createdAt,
    document: id,
    version: 1,
  });
  await file.putTo(deps.driver, key, input.contentType);
  try {
    const document = await deps.databases.withTenant(tenant.id, (tx) =>
      insertDocument(c, deps, tx, { ...input, id, key, createdAt }),
    );
    return { document, deduplicated: false };
  } catch (err) {
    await deps.driver.delete(key).catch((e: Error) => {
      c.get("logger")?.warn({ err: e, key }, "object of a failed upload not deleted; the sweeper will");
    });
    if (!isDuplicateChecksum(err)) throw err;
    // A concurrent upload of the same bytes won the race: answer with its document.
    const existing = await deps.databases.withTenant(tenant.id, (tx) =>
      duplicateOf(tx, principal, file.sha256, createdAt),
    );
    if (!existing) throw err;
    return { document: existing, deduplicated: true };
  }
}

/**
 * The live document with these bytes, if the principal may see it. One the principal may not see
 * still blocks the upload (the unique index allows one per tenant): 409, without naming it.
 */
async function duplicateOf(
  tx: TenantTx,
  principal: Principal,
  sha256: string,
  at: Date,
): Promise<Document | undefined> {
  // One statement, so one snapshot: a concurrent commit cannot land between "visible?" and "exists?".
  const visible = visibleTo(principal, at);
  const [found] = await tx
    .select({ row: documents, visible: visible ? sql<boolean>`(${visible})` : sql<boolean>`true` })
    .from(documents)
    .where(and(eq(documents.checksumSha256, sha256), isNull(documents.deletedAt)));
  if (found?.visible) return found.row;
  if (found) throw conflict("file", "a document with identical content already exists in this tenant");
  return undefined;
}

async function insertDocument(
  c: Context,
  deps: DocumentRouteDeps,
  tx: TenantTx,
  input: CreateInput & { id: string; key: string; createdAt: Date },
): Promise<Document> {
  const { principal, file, fields } = input;
  const byUser = principal.kind === "user" ? principal.id : null;
  const [row] = await tx
    .insert(documents)
    .values({
      id: input.id,
      tenantId: input.tenant.id,
      categoryId: fields.category_id ?? null,
      name: input.name,
      description: fields.description ?? "",
      contentType: input.contentType,
      sizeBytes: file.size,
      checksumSha256: file.sha256,
      storageKey: input.key,
      currentVersion: 1,
      tags: fields.tags ?? [],
      ...(input.virusScan
        ? { virusScan: input.virusScan, status: input.virusScan === "pending" ? "pending_scan" : "uploaded" }
        : {}),
      ...(input.virusScan === "clean" ? { scannedAt: input.createdAt } : {}),
      metadata: fields.metadata ?? {},
      createdBy: byUser,
      createdByApiKey: principal.kind === "apiKey" ? principal.id : null,
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
    })
    .returning();
  if (!row) throw new Error("document insert returned no row");
  await tx.insert(documentVersions).values({
    tenantId: input.tenant.id,
    documentId: row.id,
    version: 1,
    storageKey: input.key,
    contentType: input.contentType,
    sizeBytes: file.size,
    checksumSha256: file.sha256,
    comment: "",
    createdBy: byUser,
    createdAt: input.createdAt,
  });
  await auditDocument(c, deps, tx, input.tenant.id, row.id, "document.create", {
    name: row.name,
    version: 1,
    checksum_sha256: file.sha256,
    size_bytes: file.size,
  });
  return row;
}
