// Retry delays: exponential with full jitter (AWS architecture blog, "Exponential Backoff And
// Jitter"), so a burst of failures against a struggling dependency does not retry in lockstep.

export interface BackoffOptions {
  /** Delay scale of the first retry, ms. @default 1000 */
  baseMs?: number;
  /** No delay exceeds this, ms. @default 60_000 */
  capMs?: number;
  /** @default Math.random */
  random?: () => number;
}

/** Delay before retry number `attempt` (1 = the first retry): uniform in [0, min(cap, base·2^(attempt-1))]. */
export function retryDelayMs(
  attempt: number,
  { baseMs = 1000, capMs = 60_000, random = Math.random }: BackoffOptions = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
