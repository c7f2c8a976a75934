import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";

/**
 * Append-only, hash-chained per tenant: `seq` counts 1, 2, 3 … per tenant, `prev_hash` is the
 * previous row's `hash` (64 zeros for the first), `hash` = sha256 over the canonical fields and
 * prev_hash (runtime/audit). The app role may INSERT and SELECT, never UPDATE or DELETE.
 */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "restrict" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_logs_tenant_id_seq_idx").on(t.tenantId, t.seq),
    index("audit_logs_tenant_id_occurred_at_idx").on(t.tenantId, t.occurredAt),
    index("audit_logs_tenant_id_action_idx").on(t.tenantId, t.action),
  ],
);

/**
 * The head of each tenant's chain. Appends lock it (SELECT … FOR UPDATE), so appends of one tenant
 * are serialized; verify compares it with the last row, so a deleted tail is found too.
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "restrict" }),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});
export type AuditLog = typeof auditLogs.$inferSelect;
export type NewAuditLog = typeof auditLogs.$inferInsert;
export type AuditChainHead = typeof auditChainHeads.$inferSelect;
