-- Virus scanning of uploads (runtime/scan, issue 15). documents.status gains two values the
-- application writes (a text column: no type change): pending_scan (stored while the scanner was
-- unreachable; nothing of it is served until a scan finds it clean) and quarantined (a later scan
-- found malware; its object is deleted). virus_scan is the scan's state of the current version:
-- NULL (scanning off when it was stored), clean, pending (held, fail closed), unscanned (accepted
-- unscanned because the tenant's profile allows fail open; scanned later), infected, failed (the
-- scanner refused it, e.g. longer than its StreamMaxLength: stays unserved).
ALTER TABLE "documents" ADD COLUMN "virus_scan" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "virus_signature" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "scanned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_virus_scan_check" CHECK ("virus_scan" IN ('clean', 'pending', 'unscanned', 'infected', 'failed'));--> statement-breakpoint
-- The worker's rescan pass looks for these, per tenant, oldest first.
CREATE INDEX "documents_virus_scan_due_idx" ON "documents" USING btree ("tenant_id","created_at") WHERE "documents"."virus_scan" IN ('pending', 'unscanned') AND "documents"."deleted_at" is null;
