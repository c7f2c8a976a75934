CREATE TABLE "document_analyses" (
	"tenant_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"extraction" jsonb,
	"classification" jsonb,
	"entities" jsonb,
	"standardization" jsonb,
	"summary" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_analyses_pk" PRIMARY KEY("tenant_id","document_id","version")
);
--> statement-breakpoint
CREATE TABLE "document_processing" (
	"tenant_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"step" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_processing_pk" PRIMARY KEY("tenant_id","document_id","version","step")
);
--> statement-breakpoint
ALTER TABLE "document_analyses" ADD CONSTRAINT "document_analyses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_analyses" ADD CONSTRAINT "document_analyses_tenant_id_document_id_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "public"."documents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_processing" ADD CONSTRAINT "document_processing_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_processing" ADD CONSTRAINT "document_processing_tenant_id_document_id_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "public"."documents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Row-level security as on every tenant table (see 0002_rls.sql): enabled, forced, one policy.
ALTER TABLE "document_processing" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "document_processing" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "document_processing_tenant_isolation" ON "document_processing" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "document_processing" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "document_analyses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "document_analyses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "document_analyses_tenant_isolation" ON "document_analyses" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "document_analyses" TO wspec_app;
