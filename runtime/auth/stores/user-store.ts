// The user rows sign-in needs, inside a tenant transaction (RLS): the row locked while a password
// or code is checked, so concurrent attempts on one account queue up and each failure counts;
// failure times for the lockout policy; the TOTP secret and the last accepted step.
import { and, eq, sql } from "drizzle-orm";
import type { TenantTx } from "../../db/index.ts";
import { type User, users } from "../../db/schema/index.ts";
import { DEFAULT_LOCKOUT_POLICY, type LockoutPolicy, type LockoutState, lockoutState } from "../lockout.ts";

/** Emails are stored lower-cased and trimmed (see the users schema). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(
  tx: TenantTx,
  email: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<User | undefined> {
  const q = tx
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  const [row] = forUpdate ? await q.for("update") : await q;
  return row;
}

export async function findUserById(
  tx: TenantTx,
  id: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<User | undefined> {
  const q = tx.select().from(users).where(eq(users.id, id));
  const [row] = forUpdate ? await q.for("update") : await q;
  return row;
}

/** The account's lockout state from its stored failures. */
export function userLockout(user: Pick<User, "failedLogins">, now: Date, policy = DEFAULT_LOCKOUT_POLICY) {
  return lockoutState(user.failedLogins, now, policy);
}

/**
 * Records a failed attempt and returns the state after it. Keeps only failures that can still
 * matter (within window + lock of now), so the array stays short.
 */
export async function recordLoginFailure(
  tx: TenantTx,
  user: Pick<User, "id" | "failedLogins">,
  at: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): Promise<LockoutState> {
  const horizon = at.getTime() - (policy.windowSeconds + policy.lockSeconds) * 1000;
  const failures = [...user.failedLogins.filter((d) => d.getTime() > horizon), at];
  const state = lockoutState(failures, at, policy);
  await tx
    .update(users)
    .set({
      failedLogins: failures,
      failedLoginCount: failures.length,
      lockedUntil: state.locked ? state.until : null,
      updatedAt: at,
    })
    .where(eq(users.id, user.id));
  return state;
}

/** A completed sign-in clears the failures (and records the TOTP step and challenge, if any). */
export async function recordLoginSuccess(
  tx: TenantTx,
  userId: string,
  at: Date,
  mfa?: { step: number; challengeJti: string },
): Promise<void> {
  await tx
    .update(users)
    .set({
      failedLogins: sql`'{}'::timestamptz[]`,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: at,
      ...(mfa ? { mfaLastStep: mfa.step, mfaLastChallengeJti: mfa.challengeJti } : {}),
    })
    .where(eq(users.id, userId));
}

/** Stores a new (sealed) TOTP secret, not yet enabled; only while MFA is off. */
export async function startMfaSetup(tx: TenantTx, userId: string, sealedSecret: string, at: Date) {
  const rows = await tx
    .update(users)
    .set({ mfaSecret: sealedSecret, mfaLastStep: null, updatedAt: at })
    .where(and(eq(users.id, userId), eq(users.mfaEnabled, false)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Enables MFA after a first verified code, recording its step (it cannot be used again). */
export async function enableMfa(tx: TenantTx, userId: string, step: number, at: Date): Promise<void> {
  await tx
    .update(users)
    .set({ mfaEnabled: true, mfaLastStep: step, updatedAt: at })
    .where(eq(users.id, userId));
}
