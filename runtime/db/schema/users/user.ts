import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "../common/index.ts";
import { tenants } from "../tenants/index.ts";
import { USER_ROLES, USER_STATUSES } from "./constants.ts";

export const users = pgTable(
  "users",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Stored lower-cased; unique within the tenant. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull().default(""),
    passwordHash: text("password_hash"),
    role: text("role", { enum: USER_ROLES }).notNull().default("end-user"),
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    mfaEnabled: boolean("mfa_enabled").notNull().default(false),
    /** Encrypted TOTP secret (set up, then enabled by a verified code). */
    mfaSecret: text("mfa_secret"),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    /**
     * Failed sign-in times since the last success, trimmed to the lockout window: the input of
     * runtime/auth lockoutState (a success clears it).
     */
    failedLogins: timestamp("failed_logins", { withTimezone: true })
      .array()
      .notNull()
      .default(sql`'{}'::timestamptz[]`),
    /** TOTP step of the last accepted code: a code of this step or older is a replay. */
    mfaLastStep: integer("mfa_last_step"),
    /** jti of the last MFA challenge that completed a sign-in: a challenge works once. */
    mfaLastChallengeJti: text("mfa_last_challenge_jti"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Target of composite (tenant_id, id) foreign keys: a constraint, created with the table.
    unique("users_tenant_id_id_unique").on(t.tenantId, t.id),
    uniqueIndex("users_tenant_id_email_idx").on(t.tenantId, t.email),
    index("users_tenant_id_idx").on(t.tenantId),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
