// Login lockout as a pure policy over failure timestamps: `maxFailures` failed logins within
// `windowSeconds` lock the account for `lockSeconds` from the failure that reached the limit.
// The caller keeps the failures since the last successful login (a success clears them) and
// refuses to check the password while locked, answering with `retryAfterSeconds`.

export interface LockoutPolicy {
  /** Default 5. */
  maxFailures: number;
  /** Default 900 (15 minutes). */
  windowSeconds: number;
  /** Default 900 (15 minutes). */
  lockSeconds: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 };

export type LockoutState =
  | { locked: true; until: Date; retryAfterSeconds: number }
  | { locked: false; remainingAttempts: number };

/**
 * Failures while locked are ignored (the caller should not even record them), and counting starts
 * afresh when a lock ends, so each lock is earned by `maxFailures` new failures.
 */
export function lockoutState(
  failures: readonly Date[],
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): LockoutState {
  const nowMs = now.getTime();
  const windowMs = policy.windowSeconds * 1000;
  const times = failures
    .map((d) => d.getTime())
    .filter((t) => t <= nowMs)
    .sort((a, b) => a - b);
  let lockedUntil = 0;
  let counted: number[] = [];
  for (const t of times) {
    if (t < lockedUntil) continue;
    counted = counted.filter((x) => t - x < windowMs);
    counted.push(t);
    if (counted.length >= policy.maxFailures) {
      lockedUntil = t + policy.lockSeconds * 1000;
      counted = [];
    }
  }
  if (lockedUntil > nowMs) {
    return {
      locked: true,
      until: new Date(lockedUntil),
      retryAfterSeconds: Math.ceil((lockedUntil - nowMs) / 1000),
    };
  }
  const recent = counted.filter((x) => nowMs - x < windowMs).length;
  return { locked: false, remainingAttempts: policy.maxFailures - recent };
}
