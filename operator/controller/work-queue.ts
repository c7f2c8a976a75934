// A work queue keyed by namespace/name, after client-go's: a key is never handed to two workers
// at once (a key added while it is being processed is queued again when that worker is done),
// duplicate adds collapse, and failures back off exponentially per key up to a cap.

export interface WorkQueueOptions {
  /** First retry delay after a failure. */
  readonly baseDelayMs?: number;
  /** Retry delays never exceed this. */
  readonly maxDelayMs?: number;
}

export class WorkQueue {
  readonly #queue: string[] = [];
  readonly #dirty = new Set<string>();
  readonly #processing = new Set<string>();
  readonly #failures = new Map<string, number>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #dueAt = new Map<string, number>();
  readonly #waiters: Array<(key: string | undefined) => void> = [];
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  #shuttingDown = false;

  constructor({ baseDelayMs = 1_000, maxDelayMs = 5 * 60_000 }: WorkQueueOptions = {}) {
    if (baseDelayMs <= 0 || maxDelayMs < baseDelayMs) {
      throw new Error(`WorkQueue: need 0 < baseDelayMs (${baseDelayMs}) <= maxDelayMs (${maxDelayMs})`);
    }
    this.#baseDelayMs = baseDelayMs;
    this.#maxDelayMs = maxDelayMs;
  }

  /** Keys waiting to be processed (the queue-depth metric). */
  get length(): number {
    return this.#queue.length;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  add(key: string): void {
    if (this.#shuttingDown || this.#dirty.has(key)) return;
    this.#dirty.add(key);
    if (this.#processing.has(key)) return; // re-queued by done()
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#dirty.delete(key);
      this.#processing.add(key);
      waiter(key);
    } else {
      this.#queue.push(key);
    }
  }

  /** Adds the key after a delay; an earlier pending delayed add for the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.#shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const due = Date.now() + delayMs;
    const pendingDue = this.#dueAt.get(key);
    if (pendingDue !== undefined && pendingDue <= due) return;
    clearTimeout(this.#timers.get(key));
    this.#dueAt.set(key, due);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.#dueAt.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.#timers.set(key, timer);
  }

  /** Re-adds a failed key after its exponential backoff; returns the delay used. */
  addRateLimited(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    const delay = Math.min(this.#baseDelayMs * 2 ** failures, this.#maxDelayMs);
    this.addAfter(key, delay);
    return delay;
  }

  /** How many times in a row this key has failed. */
  failures(key: string): number {
    return this.#failures.get(key) ?? 0;
  }

  /** Clears the key's failure history (after a success or a terminal error). */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  /** Resolves with the next key, or undefined once the queue shuts down. */
  get(): Promise<string | undefined> {
    if (this.#shuttingDown) return Promise.resolve(undefined);
    const key = this.#queue.shift();
    if (key !== undefined) {
      this.#dirty.delete(key);
      this.#processing.add(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Marks the key's processing finished; a key added meanwhile is queued again. */
  done(key: string): void {
    this.#processing.delete(key);
    if (this.#dirty.has(key)) {
      this.#dirty.delete(key);
      this.add(key);
    }
  }

  /** Stops handing out keys; pending get() calls resolve with undefined. */
  shutDown(): void {
    this.#shuttingDown = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    this.#dueAt.clear();
    for (const w of this.#waiters.splice(0)) w(undefined);
  }
}
