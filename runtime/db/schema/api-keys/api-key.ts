import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";
import { USER_ROLES } from "../users/constants.ts";
import { users } from "../users/index.ts";

/** API keys are shown once; only a hash and a display prefix are kept. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** The first characters of the key, to recognise it in a list. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    scopes: text("scopes").array().notNull().default([]),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_idx").on(t.keyHash),
    // The prefix finds the row (runtime/auth ApiKeyService): unique, so one lookup, one row.
    uniqueIndex("api_keys_prefix_idx").on(t.prefix),
    index("api_keys_tenant_id_idx").on(t.tenantId),
  ],
);
export type ApiKey = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
