import { jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../tenants/index.ts";

/** The tenant's trained classifier (one per tenant: training replaces it) and its cross-validation report. */
export const classifierModels = pgTable("classifier_models", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  model: jsonb("model").$type<Record<string, unknown>>().notNull(),
  report: jsonb("report").$type<Record<string, unknown>>().notNull(),
  trainedAt: timestamp("trained_at", { withTimezone: true }).notNull(),
});
export type ClassifierModel = typeof classifierModels.$inferSelect;
