import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
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
import { apiKeys } from "../api-keys/index.ts";
import { createdAt, id, updatedAt } from "../common/index.ts";
import { documentCategories } from "../document-categories/index.ts";
import { tenants } from "../tenants/index.ts";
import { users } from "../users/index.ts";
import { DOCUMENT_STATUSES, VIRUS_SCAN_STATES } from "./constants.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const documents = pgTable(
  "documents",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    /** SHA-256 of the current version's bytes, hex. */
    checksumSha256: text("checksum_sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    tags: text("tags").array().notNull().default([]),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    extractedText: text("extracted_text"),
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull().default("uploaded"),
    classification: text("classification"),
    /** The virus scan of the current version (runtime/scan); NULL when stored with scanning off. */
    virusScan: text("virus_scan", { enum: VIRUS_SCAN_STATES }),
    /** The scanner's name for what it found, when virusScan is infected. */
    virusSignature: text("virus_signature"),
    scannedAt: timestamp("scanned_at", { withTimezone: true }),
    legalHold: boolean("legal_hold").notNull().default(false),
    retainUntil: timestamp("retain_until", { withTimezone: true }),
    /** Full-text search over name (A), tags (A), description (B) and extracted text (C). */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(wspec_array_text(tags), '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(extracted_text, '')), 'C')`,
    ),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Set when an API key (not a user) uploaded the document: it may see what it created. */
    createdByApiKey: uuid("created_by_api_key").references(() => apiKeys.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    // Target of composite (tenant_id, id) foreign keys: a constraint, created with the table.
    unique("documents_tenant_id_id_unique").on(t.tenantId, t.id),
    // A category of another tenant cannot be attached even by id (FK checks ignore RLS).
    foreignKey({
      name: "documents_tenant_id_category_id_fk",
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [documentCategories.tenantId, documentCategories.id],
    }),
    index("documents_tenant_id_created_at_idx").on(t.tenantId, t.createdAt, t.id),
    index("documents_category_id_idx").on(t.categoryId),
    index("documents_tags_idx").using("gin", t.tags),
    index("documents_search_vector_idx").using("gin", t.searchVector),
    /**
     * Dedup lookups. Not unique: a caller who cannot see the live document with these bytes gets
     * one of their own, since a refused insert would tell them it exists.
     */
    index("documents_tenant_id_checksum_sha256_idx")
      .on(t.tenantId, t.checksumSha256)
      .where(sql`${t.deletedAt} is null`),
  ],
);
export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
