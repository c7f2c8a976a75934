import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";
import { users } from "../users/index.ts";

/**
 * A tenant's labeled training text for its own classifier. The text is a copy: an example stays
 * when the document it came from is deleted, so `document_id` is a plain reference, not a key.
 */
export const classifierExamples = pgTable(
  "classifier_examples",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    text: text("text").notNull(),
    documentId: uuid("document_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("classifier_examples_tenant_id_label_idx").on(t.tenantId, t.label)],
);
export type ClassifierExample = typeof classifierExamples.$inferSelect;
export type NewClassifierExample = typeof classifierExamples.$inferInsert;
