-- usage_counters: per-tenant usage for billing (API requests, documents processed), one row per
-- tenant, UTC day and metric, incremented by the API and the worker in batches. Kept here rather
-- than as Prometheus labels, where a tenant id would make a series per tenant.
CREATE TABLE "usage_counters" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_counters_pk" PRIMARY KEY("tenant_id","day","metric"),
	CONSTRAINT "usage_counters_metric_check" CHECK ("metric" in ('api_requests', 'documents_processed')),
	CONSTRAINT "usage_counters_count_check" CHECK ("count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Row-level security as on every tenant table (see 0002_rls.sql): enabled, forced, one policy.
ALTER TABLE "usage_counters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "usage_counters" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "usage_counters_tenant_isolation" ON "usage_counters" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "usage_counters" TO wspec_app;
