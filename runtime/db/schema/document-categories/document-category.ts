import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";

export const documentCategories = pgTable(
  "document_categories",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    parentId: uuid("parent_id").references((): AnyPgColumn => documentCategories.id, {
      onDelete: "set null",
    }),
    /** Documents in this category are kept at least this long after creation. */
    retentionDays: integer("retention_days"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Target of composite (tenant_id, id) foreign keys: a constraint, created with the table.
    unique("document_categories_tenant_id_id_unique").on(t.tenantId, t.id),
    uniqueIndex("document_categories_tenant_id_name_idx").on(t.tenantId, t.name),
    index("document_categories_parent_id_idx").on(t.parentId),
  ],
);
export type DocumentCategory = typeof documentCategories.$inferSelect;
export type NewDocumentCategory = typeof documentCategories.$inferInsert;
