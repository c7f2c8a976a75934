import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";
import { webhookEndpoints } from "../webhook-endpoints/index.ts";
import { DELIVERY_STATUSES } from "./constants.ts";

/** One attempt as kept in the delivery's log (jsonb; timestamps as ISO strings). */
export interface DeliveryAttemptRecord {
  attempt: number;
  manual: boolean;
  attemptedAt: string;
  outcome: "delivered" | "retry" | "failed" | "disabled";
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  nextAttemptAt: string | null;
}

/**
 * One row per (event, endpoint): the unique key makes a repeated fan-out of the same event a
 * no-op. The row carries the latest state and every attempt in `attempt_log`.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id").notNull(),
    /** The webhook-id (`msg_…` or the caller's deterministic id): the same on every attempt. */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** The event's `{type, timestamp, data}`, so every attempt and a redelivery sign the same body. */
    payload: jsonb("payload")
      .$type<{ type: string; timestamp: string; data: Record<string, unknown> }>()
      .notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Attempts started by an admin's redelivery, counted apart from the schedule. */
    manual: boolean("manual").notNull().default(false),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    /** The receiver's reply, capped at RESPONSE_SNIPPET_CHARS. */
    responseSnippet: text("response_snippet").notNull().default(""),
    attemptLog: jsonb("attempt_log").$type<DeliveryAttemptRecord[]>().notNull().default([]),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("webhook_deliveries_tenant_id_event_id_endpoint_id_unique").on(
      t.tenantId,
      t.eventId,
      t.endpointId,
    ),
    foreignKey({
      name: "webhook_deliveries_tenant_id_endpoint_id_fk",
      columns: [t.tenantId, t.endpointId],
      foreignColumns: [webhookEndpoints.tenantId, webhookEndpoints.id],
    }).onDelete("cascade"),
    index("webhook_deliveries_endpoint_created_at_idx").on(t.tenantId, t.endpointId, t.createdAt, t.id),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type NewWebhookDelivery = typeof webhookDeliveries.$inferInsert;
