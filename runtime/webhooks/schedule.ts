// When deliveries are attempted and what a response means. The schedule is declared here only.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delay before each attempt, measured from the previous one: immediately, then 5 s, 5 min,
 * 30 min, 2 h, 5 h and 10 h. After the last attempt fails the message is marked failed.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

/** When attempt `attempt + 1` is due after attempt `attempt` (1-based) failed at `now`; null: give up. */
export function nextAttemptAt(attempt: number, now: Date): Date | null {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt ${attempt} must be an integer >= 1`);
  const delay = RETRY_SCHEDULE_MS[attempt];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

export type ResponseVerdict = "delivered" | "disable" | "retry";

/** 2xx delivers; 410 Gone means the receiver asked us to stop; anything else (or no response) retries. */
export function verdictFor(status: number | null): ResponseVerdict {
  if (status !== null && status >= 200 && status < 300) return "delivered";
  if (status === 410) return "disable";
  return "retry";
}
