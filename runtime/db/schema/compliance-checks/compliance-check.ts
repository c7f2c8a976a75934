import { foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../common/index.ts";
import { documents } from "../documents/index.ts";
import { tenants } from "../tenants/index.ts";
import { COMPLIANCE_FRAMEWORKS, COMPLIANCE_STATUSES } from "./constants.ts";

export const complianceChecks = pgTable(
  "compliance_checks",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    documentId: uuid("document_id").notNull(),
    documentVersion: integer("document_version").notNull(),
    framework: text("framework", { enum: COMPLIANCE_FRAMEWORKS }).notNull(),
    status: text("status", { enum: COMPLIANCE_STATUSES }).notNull().default("pending"),
    /** 0-100. */
    score: integer("score"),
    findings: jsonb("findings").$type<unknown[]>().notNull().default([]),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "compliance_checks_tenant_id_document_id_fk",
      columns: [t.tenantId, t.documentId],
      foreignColumns: [documents.tenantId, documents.id],
    }).onDelete("cascade"),
    index("compliance_checks_document_id_idx").on(t.documentId),
    index("compliance_checks_tenant_id_framework_idx").on(t.tenantId, t.framework),
  ],
);
export type ComplianceCheck = typeof complianceChecks.$inferSelect;
export type NewComplianceCheck = typeof complianceChecks.$inferInsert;
