import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";
import { users } from "../users/index.ts";
import { REFRESH_REVOKE_REASONS } from "./constants.ts";

/**
 * Refresh tokens rotate: each use marks the row used and issues a successor in the same family;
 * presenting a used token again revokes the whole family (reuse detection).
 *
 * A family (one sign-in) has no table of its own: its fields (`family_created_at`,
 * `family_expires_at`, `revoked_at`, `revoked_reason`) are copied onto each of its rows, and
 * revoking a family updates all of them while holding the family's advisory lock (see
 * runtime/auth/stores), so a row inserted by a concurrent rotation cannot escape a revocation.
 */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    /** When the family (the sign-in) began. */
    familyCreatedAt: timestamp("family_created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the family, whatever the rotations. */
    familyExpiresAt: timestamp("family_expires_at", { withTimezone: true }).notNull(),
    tokenHash: text("token_hash").notNull(),
    /** Idle expiry of this token. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Set when the token was exchanged for its successor (`replaced_by`). */
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** Family revocation: the same on every row of the family. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason", { enum: REFRESH_REVOKE_REASONS }),
    replacedBy: uuid("replaced_by"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refresh_tokens_token_hash_idx").on(t.tokenHash),
    index("refresh_tokens_family_id_idx").on(t.familyId),
    index("refresh_tokens_tenant_id_user_id_idx").on(t.tenantId, t.userId),
  ],
);
export type RefreshToken = typeof refreshTokens.$inferSelect;
export type NewRefreshToken = typeof refreshTokens.$inferInsert;
