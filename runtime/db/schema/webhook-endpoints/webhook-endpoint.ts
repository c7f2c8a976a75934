import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";
import { users } from "../users/index.ts";

/** A signing secret as stored: sealed with the secret box, bound to `tenantId:endpointId`. */
export interface StoredEndpointSecret {
  sealed: string;
  /** ISO timestamps (jsonb). */
  createdAt: string;
  expiresAt: string | null;
}

/** A tenant's webhook receiver: where events go, which ones, and the secrets they are signed with. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Filter entries: exact types, groups ("document.*") or "*". */
    eventTypes: text("event_types").array().notNull(),
    /** At most two (current + the previous one during a rotation's overlap); never returned by the API. */
    secrets: jsonb("secrets").$type<StoredEndpointSecret[]>().notNull(),
    /** Set when the receiver answered 410 Gone or an admin disabled it; null while enabled. */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Target of the deliveries' composite (tenant_id, endpoint_id) foreign key.
    unique("webhook_endpoints_tenant_id_id_unique").on(t.tenantId, t.id),
    // Fan-out reads only the enabled endpoints of one tenant.
    index("webhook_endpoints_tenant_id_idx").on(t.tenantId).where(sql`${t.disabledAt} is null`),
    index("webhook_endpoints_tenant_id_created_at_idx").on(t.tenantId, t.createdAt, t.id),
  ],
);
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type NewWebhookEndpoint = typeof webhookEndpoints.$inferInsert;
