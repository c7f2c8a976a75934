-- Row-level security and the app role (hand-written; drizzle-kit custom migration).
--
-- The app connects as wspec_app: LOGIN, no SUPERUSER, no BYPASSRLS, owns nothing, holds only DML
-- (audit_logs: SELECT and INSERT only). Every tenant table has RLS enabled and FORCED (the owner
-- obeys it too) with a policy on tenant_id = wspec_current_tenant(), which is NULL when no tenant
-- is set, so that no row matches and no insert passes WITH CHECK (fail closed).
--
-- Roles are cluster-wide while this migration runs per database: creating and altering the role
-- happens under a transaction-scoped advisory lock so concurrent migrations do not collide.
SELECT pg_advisory_xact_lock(2003195204);
--> statement-breakpoint
DO $$
BEGIN
  CREATE ROLE wspec_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
ALTER ROLE wspec_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
--> statement-breakpoint
-- The schema these tables live in (public, or the tenant's own schema): usage only, no CREATE.
DO $$
BEGIN
  EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO wspec_app', current_schema());
END $$;
--> statement-breakpoint
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenants_tenant_isolation" ON "tenants" USING ("id" = wspec_current_tenant()) WITH CHECK ("id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenants" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "users_tenant_isolation" ON "users" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "users" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "api_keys_tenant_isolation" ON "api_keys" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "api_keys" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "refresh_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "refresh_tokens_tenant_isolation" ON "refresh_tokens" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "refresh_tokens" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "document_categories" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "document_categories" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "document_categories_tenant_isolation" ON "document_categories" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "document_categories" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "documents" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "documents_tenant_isolation" ON "documents" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "documents" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "document_versions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "document_versions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "document_versions_tenant_isolation" ON "document_versions" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "document_versions" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "document_permissions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "document_permissions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "document_permissions_tenant_isolation" ON "document_permissions" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "document_permissions" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "compliance_checks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "compliance_checks" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "compliance_checks_tenant_isolation" ON "compliance_checks" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "compliance_checks" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "audit_logs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_logs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "audit_logs_tenant_select" ON "audit_logs" FOR SELECT USING ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
CREATE POLICY "audit_logs_tenant_insert" ON "audit_logs" FOR INSERT WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_logs" TO wspec_app;
--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_chain_heads" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "audit_chain_heads_tenant_isolation" ON "audit_chain_heads" USING ("tenant_id" = wspec_current_tenant()) WITH CHECK ("tenant_id" = wspec_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "audit_chain_heads" TO wspec_app;
