// The public shapes of a document and a version (snake_case, like every other route).
import { z } from "@hono/zod-openapi";
import {
  DOCUMENT_STATUSES,
  type Document,
  type DocumentVersion,
  VIRUS_SCAN_STATES,
} from "../db/schema/index.ts";

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    content_type: z.string(),
    size_bytes: z.number().int(),
    checksum_sha256: z.string(),
    current_version: z.number().int(),
    category_id: z.uuid().nullable(),
    tags: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()),
    status: z.enum(DOCUMENT_STATUSES),
    virus_scan: z.enum(VIRUS_SCAN_STATES).nullable().openapi({
      description:
        "the virus scan of the current version: clean; pending (status pending_scan: not served until clean); unscanned (served unscanned under the profile's fail open, scanned later); infected (status quarantined); failed (the scanner refused it); null when stored with scanning off",
    }),
    virus_signature: z.string().nullable().openapi({ description: "what the scanner found, when infected" }),
    legal_hold: z.boolean(),
    retain_until: z.string().nullable(),
    created_by: z.uuid().nullable(),
    created_by_api_key: z.uuid().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Document");
export type DocumentView = z.infer<typeof DocumentSchema>;

export const UploadedDocumentSchema = DocumentSchema.extend({
  deduplicated: z
    .boolean()
    .openapi({ description: "true: identical bytes were already stored; nothing new" }),
}).openapi("UploadedDocument");

export function documentView(d: Document): DocumentView {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    content_type: d.contentType,
    size_bytes: d.sizeBytes,
    checksum_sha256: d.checksumSha256,
    current_version: d.currentVersion,
    category_id: d.categoryId,
    tags: d.tags,
    metadata: d.metadata,
    status: d.status,
    virus_scan: d.virusScan,
    virus_signature: d.virusSignature,
    legal_hold: d.legalHold,
    retain_until: d.retainUntil?.toISOString() ?? null,
    created_by: d.createdBy,
    created_by_api_key: d.createdByApiKey,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

export const VersionSchema = z
  .object({
    document_id: z.uuid(),
    version: z.number().int(),
    content_type: z.string(),
    size_bytes: z.number().int(),
    checksum_sha256: z.string(),
    comment: z.string(),
    created_by: z.uuid().nullable(),
    created_at: z.string(),
  })
  .openapi("DocumentVersion");
export type VersionView = z.infer<typeof VersionSchema>;

export function versionView(v: DocumentVersion): VersionView {
  return {
    document_id: v.documentId,
    version: v.version,
    content_type: v.contentType,
    size_bytes: v.sizeBytes,
    checksum_sha256: v.checksumSha256,
    comment: v.comment,
    created_by: v.createdBy,
    created_at: v.createdAt.toISOString(),
  };
}
