import { sql } from "drizzle-orm";
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../common/index.ts";
import { documents } from "../documents/index.ts";
import { tenants } from "../tenants/index.ts";

/**
 * One row per committed document version that the pipeline must see. A trigger on
 * document_versions writes it in the version's own transaction (migration 0010); the relay in the
 * worker enqueues unsent rows and sets `sentAt`.
 */
export const processingOutbox = pgTable(
  "processing_outbox",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    documentId: uuid("document_id").notNull(),
    version: integer("version").notNull(),
    createdAt: createdAt(),
    /** Relay passes that failed to enqueue this row (Redis unreachable). */
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({
      name: "processing_outbox_tenant_id_document_id_version_pk",
      columns: [t.tenantId, t.documentId, t.version],
    }),
    foreignKey({
      name: "processing_outbox_tenant_id_document_id_fk",
      columns: [t.tenantId, t.documentId],
      foreignColumns: [documents.tenantId, documents.id],
    }).onDelete("cascade"),
    index("processing_outbox_unsent_idx").on(t.tenantId, t.createdAt).where(sql`${t.sentAt} is null`),
  ],
);
export type ProcessingOutboxRow = typeof processingOutbox.$inferSelect;
