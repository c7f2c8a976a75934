import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";
import { users } from "../users/index.ts";
import type { EmailStatus, NotificationMode } from "./constants.ts";

/** What a user was told: in-app (`readAt`) and by e-mail (`emailStatus`). */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    type: text("type").notNull(),
    /** Unique per user: the same event notified twice (a retried job) is one notification. */
    dedupKey: text("dedup_key").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    emailStatus: text("email_status").$type<EmailStatus>().notNull(),
    emailAttempts: integer("email_attempts").notNull().default(0),
    emailError: text("email_error"),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("notifications_tenant_id_user_id_dedup_key_unique").on(t.tenantId, t.userId, t.dedupKey),
    foreignKey({
      name: "notifications_tenant_id_user_id_fk",
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete("cascade"),
    index("notifications_user_created_at_idx").on(t.tenantId, t.userId, t.createdAt, t.id),
    index("notifications_email_pending_idx")
      .on(t.tenantId, t.emailStatus, t.createdAt)
      .where(sql`${t.emailStatus} in ('pending', 'digest')`),
  ],
);
export type Notification = typeof notifications.$inferSelect;

/** Per user and event type (`*`: every type), how e-mail is sent. No row means immediate. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    eventType: text("event_type").notNull(),
    mode: text("mode").$type<NotificationMode>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "notification_preferences_pk", columns: [t.tenantId, t.userId, t.eventType] }),
    foreignKey({
      name: "notification_preferences_tenant_id_user_id_fk",
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete("cascade"),
  ],
);
export type NotificationPreference = typeof notificationPreferences.$inferSelect;
