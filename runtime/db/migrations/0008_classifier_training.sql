CREATE TABLE "classifier_trainings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"report" jsonb,
	"requested_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "classifier_trainings" ADD CONSTRAINT "classifier_trainings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Row-level security as on every tenant table (see 0002_rls.sql): enabled, forced, one policy.
ALTER TABLE "classifier_trainings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "classifier_trainings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "classifier_trainings_tenant_isolation" ON "classifier_trainings" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "classifier_trainings" TO wspec_app;
