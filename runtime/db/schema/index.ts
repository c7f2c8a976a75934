// The schema is the source of truth: drizzle-kit generates ../migrations from these tables.
export * from "./api-keys/index.ts";
export * from "./audit-logs/index.ts";
export * from "./classifier-examples/index.ts";
export * from "./classifier-models/index.ts";
export * from "./classifier-trainings/index.ts";
export * from "./compliance-checks/index.ts";
export * from "./document-categories/index.ts";
export * from "./document-permissions/index.ts";
export * from "./document-processing/index.ts";
export * from "./document-versions/index.ts";
export * from "./documents/index.ts";
export * from "./notifications/index.ts";
export * from "./processing-outbox/index.ts";
export * from "./refresh-tokens/index.ts";
export * from "./retention-runs/index.ts";
export * from "./tenants/index.ts";
export * from "./usage-counters/index.ts";
export * from "./users/index.ts";
export * from "./webhook-deliveries/index.ts";
export * from "./webhook-endpoints/index.ts";

/** Tables whose rows belong to one tenant: RLS is enabled and forced on each (see migrations). */
export const TENANT_TABLES = [
  "tenants",
  "users",
  "api_keys",
  "refresh_tokens",
  "document_categories",
  "documents",
  "document_versions",
  "document_permissions",
  "document_processing",
  "document_analyses",
  "compliance_checks",
  "audit_logs",
  "audit_chain_heads",
  "webhook_endpoints",
  "webhook_deliveries",
  "classifier_examples",
  "classifier_models",
  "classifier_trainings",
  "processing_outbox",
  "retention_runs",
  "notifications",
  "notification_preferences",
  "usage_counters",
] as const;
