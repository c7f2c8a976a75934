// Creating a document from a spooled upload. Order matters for crash safety: the object is
// written first and the rows (document, version 1, audit) second, in one transaction; if that
// transaction fails the object is deleted again (the orphan sweeper is the backstop for a crash
// in between). So no row ever points at a missing object.
//
// Dedup: a live document with the same SHA-256 that the caller may see is answered instead of
// storing a second copy. One the caller may not see is never mentioned: the caller gets a document
// of their own, exactly as if no copy existed (sharing the other's object would tie its deletion,
// holds and erasure to a document its owner does not know about). The check before the put makes
// the common case store nothing; a transaction advisory lock on (tenant, checksum) settles
// concurrent uploads of the same bytes.
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
  const dropObject = () =>
    deps.driver.delete(key).catch((e: Error) => {
      c.get("logger")?.warn({ err: e, key }, "object of a failed upload not deleted; the sweeper will");
    });
  let outcome: { document: Document; deduplicated: boolean };
  try {
    outcome = await deps.databases.withTenant(tenant.id, async (tx) => {
      // Uploads of the same bytes wait here for each other; the second sees the first's row.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`documents:${tenant.id}:${file.sha256}`}, 0))`,
      );
      const existing = await duplicateOf(tx, principal, file.sha256, createdAt);
      if (existing) return { document: existing, deduplicated: true };
      return {
        document: await insertDocument(c, deps, tx, { ...input, id, key, createdAt }),
        deduplicated: false,
      };
    });
  } catch (err) {
    await dropObject();
    throw err;
  }
  // A concurrent upload of the same bytes won the race: its document is the answer.
  if (outcome.deduplicated) await dropObject();
  return outcome;
}

/** The live document with these bytes that the principal may see; others are not looked at. */
async function duplicateOf(
  tx: TenantTx,
  principal: Principal,
  sha256: string,
  at: Date,
): Promise<Document | undefined> {
  const [found] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.checksumSha256, sha256), isNull(documents.deletedAt), visibleTo(principal, at)))
    .orderBy(documents.createdAt, documents.id)
    .limit(1);
  return found;
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
