import { foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../common/index.ts";
import { documents } from "../documents/index.ts";
import { tenants } from "../tenants/index.ts";
import { users } from "../users/index.ts";
import { DOCUMENT_PERMISSIONS } from "./constants.ts";

/** A share: a user of the same tenant may read (or write) a document until it expires. */
export const documentPermissions = pgTable(
  "document_permissions",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    documentId: uuid("document_id").notNull(),
    granteeUserId: uuid("grantee_user_id").notNull(),
    permission: text("permission", { enum: DOCUMENT_PERMISSIONS }).notNull().default("read"),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "document_permissions_tenant_id_grantee_user_id_fk",
      columns: [t.tenantId, t.granteeUserId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "document_permissions_tenant_id_document_id_fk",
      columns: [t.tenantId, t.documentId],
      foreignColumns: [documents.tenantId, documents.id],
    }).onDelete("cascade"),
    index("document_permissions_document_id_idx").on(t.documentId),
    index("document_permissions_tenant_id_grantee_user_id_idx").on(t.tenantId, t.granteeUserId),
  ],
);
export type DocumentPermission = typeof documentPermissions.$inferSelect;
export type NewDocumentPermission = typeof documentPermissions.$inferInsert;
