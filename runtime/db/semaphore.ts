// A counting semaphore with a bounded wait: `acquire` resolves to a release function, or rejects
// with PoolBusyError once `timeoutMs` passes.

export class PoolBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PoolBusyError";
  }
}

export class Semaphore {
  readonly limit: number;
  #used = 0;
  readonly #waiters: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
    this.limit = limit;
  }

  get used(): number {
    return this.#used;
  }

  async acquire(timeoutMs: number, what: string): Promise<() => void> {
    if (this.#used < this.limit) {
      this.#used++;
      return this.#releaser();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        this.#used++;
        resolve(this.#releaser());
      };
      const timer = setTimeout(() => {
        const i = this.#waiters.indexOf(grant);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(new PoolBusyError(`${what}: all ${this.limit} slots busy for ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(grant);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#used--;
      this.#waiters.shift()?.();
    };
  }
}
