// A bound on password hashing. argon2 is deliberately expensive (19 MiB and tens of ms per hash,
// password.ts), and @node-rs/argon2 runs it on libuv's small thread pool, which file and DNS work
// share: a flood of sign-ins would queue unbounded hashes there and every other request that
// needs the pool would wait behind them. The gate lets `concurrency` hashes run, a short line
// wait, and answers the rest at once with 429 and Retry-After instead of queueing them.
import { Semaphore, SemaphoreTimeoutError } from "../../lib/semaphore/index.ts";
import { ApiError } from "../app/index.ts";
import type { PasswordHasher } from "./password.ts";

export interface PasswordGateOptions {
  /** Hashes at once. @default 2 (a core each on a small node; libuv's pool has 4 threads) */
  concurrency?: number;
  /** Callers that may wait for a slot; more are refused at once. @default 16 */
  maxWaiting?: number;
  /** How long one may wait before being refused. @default 2000 */
  waitMs?: number;
}

function busy(): ApiError {
  return new ApiError({
    code: "RATE_LIMITED",
    message: "too many sign-ins in progress; retry in 1 s",
    headers: { "Retry-After": "1" },
  });
}

/** `hasher` with at most `concurrency` hashes or verifications running at once. */
export function gatePasswordHashing(hasher: PasswordHasher, opts: PasswordGateOptions = {}): PasswordHasher {
  const { concurrency = 2, maxWaiting = 16, waitMs = 2000 } = opts;
  if (!Number.isInteger(maxWaiting) || maxWaiting < 0)
    throw new Error(`gatePasswordHashing: maxWaiting must be an integer >= 0, got ${maxWaiting}`);
  const slots = new Semaphore(concurrency);
  async function gated<T>(work: () => Promise<T>): Promise<T> {
    if (slots.inUse >= slots.capacity && slots.waiting >= maxWaiting) throw busy();
    const release = await slots.acquire({ timeoutMs: waitMs, what: "password hashing" }).catch((err) => {
      throw err instanceof SemaphoreTimeoutError ? busy() : err;
    });
    try {
      return await work();
    } finally {
      release();
    }
  }
  return {
    hash: (password) => gated(() => hasher.hash(password)),
    verify: (stored, password) => gated(() => hasher.verify(stored, password)),
    needsRehash: (stored) => hasher.needsRehash(stored),
  };
}
