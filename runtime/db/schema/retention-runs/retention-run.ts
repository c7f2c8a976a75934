import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../tenants/index.ts";

/**
 * The tenant's retention disposal lease and last run (one row per tenant). A run claims the row
 * only while `leasedUntil` has passed, so two workers never dispose for one tenant at once; a
 * runner that dies leaves a lease that simply expires.
 */
export const retentionRuns = pgTable("retention_runs", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  runId: text("run_id").notNull(),
  leasedUntil: timestamp("leased_until", { withTimezone: true }).notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  disposed: integer("disposed").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  error: text("error"),
});
export type RetentionRun = typeof retentionRuns.$inferSelect;
