-- Dedup no longer means one live document per checksum in the tenant: a caller who cannot see the
-- existing document gets a document of their own (a unique index would answer 409 and so reveal
-- that someone else holds these bytes). Lookups by checksum keep an index; concurrent uploads of
-- the same bytes are serialized by a transaction advisory lock (runtime/documents/create-document.ts).
DROP INDEX "documents_tenant_id_checksum_sha256_idx";--> statement-breakpoint
CREATE INDEX "documents_tenant_id_checksum_sha256_idx" ON "documents" USING btree ("tenant_id","checksum_sha256") WHERE "documents"."deleted_at" is null;
