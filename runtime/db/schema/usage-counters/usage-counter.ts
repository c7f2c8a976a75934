import { sql } from "drizzle-orm";
import { bigint, check, date, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "../tenants/index.ts";

/**
 * Per-tenant usage for billing (migration 0013): one row per tenant, UTC day and metric, added to
 * in batches by runtime/metrics/usage.ts. Kept here, not as metric labels.
 */
export const usageCounters = pgTable(
  "usage_counters",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    metric: text("metric").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "usage_counters_pk", columns: [t.tenantId, t.day, t.metric] }),
    check("usage_counters_metric_check", sql`${t.metric} in ('api_requests', 'documents_processed')`),
    check("usage_counters_count_check", sql`${t.count} >= 0`),
  ],
);
export type UsageCounterRow = typeof usageCounters.$inferSelect;
