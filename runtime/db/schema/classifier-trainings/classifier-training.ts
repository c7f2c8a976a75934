import { jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../tenants/index.ts";

/**
 * The tenant's latest background training of its classifier (one row per tenant, each request
 * replaces it): queued → running → succeeded with the cross-validation report, or failed with why.
 */
export const classifierTrainings = pgTable("classifier_trainings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  jobId: text("job_id").notNull(),
  status: text("status").$type<"queued" | "running" | "succeeded" | "failed">().notNull(),
  error: text("error"),
  report: jsonb("report").$type<Record<string, unknown>>(),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
export type ClassifierTraining = typeof classifierTrainings.$inferSelect;
