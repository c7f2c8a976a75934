-- The processing outbox (hand-written): every committed document version must reach the pipeline,
-- even when Redis was down at commit. The row is written by a trigger on document_versions, so it
-- commits in the same transaction as the version whatever code path inserts it (upload, new
-- version, restore, a redaction); the worker's relay (runtime/outbox) enqueues what is unsent and
-- marks it sent. The pipeline's deterministic job ids make a second enqueue of a version a no-op.
CREATE TABLE "processing_outbox" (
	"tenant_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	CONSTRAINT "processing_outbox_tenant_id_document_id_version_pk" PRIMARY KEY("tenant_id","document_id","version")
);
--> statement-breakpoint
ALTER TABLE "processing_outbox" ADD CONSTRAINT "processing_outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_outbox" ADD CONSTRAINT "processing_outbox_tenant_id_document_id_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "public"."documents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "processing_outbox_unsent_idx" ON "processing_outbox" USING btree ("tenant_id","created_at") WHERE "processing_outbox"."sent_at" is null;--> statement-breakpoint
-- SET search_path FROM CURRENT pins the schema the migration runs in (public, or a tenant's own
-- schema), so the trigger writes to the outbox beside the version whatever the session's path.
CREATE FUNCTION wspec_processing_outbox_insert() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
  AS $$
BEGIN
  INSERT INTO processing_outbox (tenant_id, document_id, version)
  VALUES (NEW.tenant_id, NEW.document_id, NEW.version)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "document_versions_processing_outbox" AFTER INSERT ON "document_versions"
  FOR EACH ROW EXECUTE FUNCTION wspec_processing_outbox_insert();
--> statement-breakpoint
-- Row-level security as on every tenant table (see 0002_rls.sql): enabled, forced, one policy.
ALTER TABLE "processing_outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "processing_outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "processing_outbox_tenant_isolation" ON "processing_outbox" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "processing_outbox" TO wspec_app;
