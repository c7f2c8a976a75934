import { boolean, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "../common/index.ts";
import { TENANT_STATUSES, TENANT_TIERS } from "./constants.ts";

/** One row per tenant; its `id` is the `tenant_id` of every other row (RLS: `id` = the tenant). */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey(),
    /** The operator's tenant id (DNS-style). */
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    tier: text("tier", { enum: TENANT_TIERS }).notNull(),
    status: text("status", { enum: TENANT_STATUSES }).notNull().default("active"),
    mfaRequired: boolean("mfa_required").notNull().default(false),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("tenants_slug_idx").on(t.slug)],
);
export type Tenant = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;
