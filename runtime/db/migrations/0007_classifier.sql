CREATE TABLE "classifier_examples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"label" text NOT NULL,
	"text" text NOT NULL,
	"document_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classifier_models" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"model" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"trained_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "classifier_examples" ADD CONSTRAINT "classifier_examples_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifier_examples" ADD CONSTRAINT "classifier_examples_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifier_models" ADD CONSTRAINT "classifier_models_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classifier_examples_tenant_id_label_idx" ON "classifier_examples" USING btree ("tenant_id","label");--> statement-breakpoint
-- Row-level security as on every tenant table (see 0002_rls.sql): enabled, forced, one policy.
ALTER TABLE "classifier_examples" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "classifier_examples" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "classifier_examples_tenant_isolation" ON "classifier_examples" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "classifier_examples" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "classifier_models" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "classifier_models" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "classifier_models_tenant_isolation" ON "classifier_models" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "classifier_models" TO wspec_app;
