import { foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { updatedAt } from "../common/index.ts";
import { documents } from "../documents/index.ts";
import { tenants } from "../tenants/index.ts";
import { PROCESSING_STATUSES } from "./constants.ts";

/** One row per (document version, pipeline step): what ran, how often, and why it failed. */
export const documentProcessing = pgTable(
  "document_processing",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    documentId: uuid("document_id").notNull(),
    version: integer("version").notNull(),
    step: text("step").notNull(),
    status: text("status", { enum: PROCESSING_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "document_processing_pk", columns: [t.tenantId, t.documentId, t.version, t.step] }),
    foreignKey({
      name: "document_processing_tenant_id_document_id_fk",
      columns: [t.tenantId, t.documentId],
      foreignColumns: [documents.tenantId, documents.id],
    }).onDelete("cascade"),
  ],
);
export type DocumentProcessing = typeof documentProcessing.$inferSelect;

/**
 * What the pipeline learned about one document version. Each step writes its own column, so a
 * step that runs twice overwrites its result instead of adding a second one. Entities keep their
 * type, offsets, confidence and a masked value, never the personal data itself.
 */
export const documentAnalyses = pgTable(
  "document_analyses",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    documentId: uuid("document_id").notNull(),
    version: integer("version").notNull(),
    extraction: jsonb("extraction").$type<Record<string, unknown>>(),
    classification: jsonb("classification").$type<Record<string, unknown>>(),
    entities: jsonb("entities").$type<Record<string, unknown>[]>(),
    standardization: jsonb("standardization").$type<Record<string, unknown>>(),
    summary: text("summary"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "document_analyses_pk", columns: [t.tenantId, t.documentId, t.version] }),
    foreignKey({
      name: "document_analyses_tenant_id_document_id_fk",
      columns: [t.tenantId, t.documentId],
      foreignColumns: [documents.tenantId, documents.id],
    }).onDelete("cascade"),
  ],
);
export type DocumentAnalysis = typeof documentAnalyses.$inferSelect;
