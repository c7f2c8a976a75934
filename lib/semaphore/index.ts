// A counting semaphore: at most `capacity` holders at once; the others wait in line, first come
// first served. A wait can be bounded (`timeoutMs`, rejecting with SemaphoreTimeoutError) and left
// early (`signal`, rejecting with the signal's reason). The operator bounds its concurrent Pulumi
// operations with it, the runtime each tenant's concurrent transactions.

export class SemaphoreTimeoutError extends Error {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    this.name = "SemaphoreTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

export interface AcquireOptions {
  /** Stop waiting after this many milliseconds, rejecting with SemaphoreTimeoutError. @default no limit */
  readonly timeoutMs?: number;
  /** Leave the line when it aborts, rejecting with its reason; an aborted signal acquires nothing. */
  readonly signal?: AbortSignal;
  /** What waits, named in the timeout's message ("tenant 42: all 5 slots busy for 5000 ms"). @default "semaphore" */
  readonly what?: string;
}

/** Returned by `acquire`: gives the slot back; calling it again does nothing. */
export type Release = () => void;

export class Semaphore {
  #capacity: number;
  #inUse = 0;
  /** Waiters' grants, oldest first; a grant hands the releasing holder's slot to its waiter. */
  readonly #waiting: (() => void)[] = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`Semaphore: capacity must be an integer >= 1, got ${capacity}`);
    }
    this.#capacity = capacity;
  }

  /** Slots in all. */
  get capacity(): number {
    return this.#capacity;
  }

  /**
   * Changes the number of slots. Growing grants waiters at once; shrinking takes slots back as
   * their holders release them (nobody is interrupted).
   */
  resize(capacity: number): void {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`Semaphore: capacity must be an integer >= 1, got ${capacity}`);
    }
    this.#capacity = capacity;
    while (this.#inUse < this.#capacity) {
      const next = this.#waiting.shift();
      if (!next) break;
      this.#inUse++;
      next();
    }
  }

  /** Slots held now. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves to a release function once a slot is free.
   * @example
   * const release = await sem.acquire({ timeoutMs: 5_000, what: `tenant ${id}` });
   * try { await work(); } finally { release(); }
   */
  acquire({ timeoutMs, signal, what = "semaphore" }: AcquireOptions = {}): Promise<Release> {
    if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
      throw new Error(`Semaphore: timeoutMs must be a number >= 0, got ${timeoutMs}`);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#inUse < this.capacity) {
      this.#inUse++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = (reason: unknown) => {
        const i = this.#waiting.indexOf(grant);
        if (i >= 0) this.#waiting.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        reject(reason);
      };
      const onAbort = () => leave(signal?.reason);
      const grant = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(this.#releaser());
      };
      if (timeoutMs !== undefined) {
        timer = setTimeout(
          () =>
            leave(
              new SemaphoreTimeoutError(
                `${what}: all ${this.capacity} slots busy for ${timeoutMs} ms`,
                timeoutMs,
              ),
            ),
          timeoutMs,
        );
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  /** Runs `fn` holding a slot, and gives the slot back however `fn` ends. */
  async run<T>(fn: () => Promise<T>, opts: AcquireOptions = {}): Promise<T> {
    const release = await this.acquire(opts);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the oldest waiter, so a newcomer cannot take it in between,
      // unless the semaphore shrank meanwhile: then the slot is taken back.
      const next = this.#inUse <= this.#capacity ? this.#waiting.shift() : undefined;
      if (next) next();
      else this.#inUse--;
    };
  }
}
