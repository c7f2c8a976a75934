// A work queue keyed by namespace/name, after client-go's: a key is never handed to two workers
// at once (a key added while it is being processed is queued again when that worker is done),
// duplicate adds collapse, and failures back off exponentially per key up to a cap.
//
// Two priorities: "urgent" (a new or changed tenant, a deletion, a retry after a failure) is always
// served before "routine" (drift checks and resyncs of tenants that are up to date), so a thousand
// drift checks falling due never delay a tenant someone is waiting for. Within a priority,
// namespaces take turns: one namespace applying a hundred tenants does not starve another's one.

export type Priority = "urgent" | "routine";

export interface WorkQueueOptions {
  /** First retry delay after a failure. */
  readonly baseDelayMs?: number;
  /** Retry delays never exceed this. */
  readonly maxDelayMs?: number;
}

/** Keys of one priority: a FIFO per namespace, namespaces served in turn. */
class FairLine {
  readonly #byNamespace = new Map<string, string[]>();
  /** Namespaces with waiting keys, in the order they get their next turn. */
  readonly #turns: string[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(key: string): void {
    const ns = namespaceOf(key);
    let line = this.#byNamespace.get(ns);
    if (!line) {
      line = [];
      this.#byNamespace.set(ns, line);
      this.#turns.push(ns);
    }
    line.push(key);
    this.#size++;
  }

  shift(): string | undefined {
    const ns = this.#turns.shift();
    if (ns === undefined) return undefined;
    const line = this.#byNamespace.get(ns) ?? [];
    const key = line.shift();
    if (line.length > 0) this.#turns.push(ns);
    else this.#byNamespace.delete(ns);
    this.#size--;
    return key;
  }

  delete(key: string): boolean {
    const ns = namespaceOf(key);
    const line = this.#byNamespace.get(ns);
    const i = line?.indexOf(key) ?? -1;
    if (!line || i < 0) return false;
    line.splice(i, 1);
    this.#size--;
    if (line.length === 0) {
      this.#byNamespace.delete(ns);
      this.#turns.splice(this.#turns.indexOf(ns), 1);
    }
    return true;
  }
}

const namespaceOf = (key: string) => key.slice(0, Math.max(0, key.indexOf("/")));

export class WorkQueue {
  readonly #lines: Record<Priority, FairLine> = { urgent: new FairLine(), routine: new FairLine() };
  /** Keys waiting (in a line, or to be re-queued when their processing ends), by priority. */
  readonly #dirty = new Map<string, Priority>();
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
    return this.#lines.urgent.size + this.#lines.routine.size;
  }

  /** Keys waiting at one priority. */
  waiting(priority: Priority): number {
    return this.#lines[priority].size;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Queues the key; a key already waiting at routine priority moves up when added as urgent. */
  add(key: string, priority: Priority = "urgent"): void {
    if (this.#shuttingDown) return;
    const queued = this.#dirty.get(key);
    if (queued !== undefined) {
      if (queued === "routine" && priority === "urgent") {
        this.#dirty.set(key, "urgent");
        if (this.#lines.routine.delete(key)) this.#lines.urgent.push(key);
      }
      return;
    }
    this.#dirty.set(key, priority);
    if (this.#processing.has(key)) return; // re-queued by done()
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#dirty.delete(key);
      this.#processing.add(key);
      waiter(key);
    } else {
      this.#lines[priority].push(key);
    }
  }

  /** Adds the key after a delay; an earlier pending delayed add for the same key wins. */
  addAfter(key: string, delayMs: number, priority: Priority = "urgent"): void {
    if (this.#shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key, priority);
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
      this.add(key, priority);
    }, delayMs);
    timer.unref();
    this.#timers.set(key, timer);
  }

  /** Re-adds a failed key after its exponential backoff; returns the delay used. */
  addRateLimited(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    const delay = Math.min(this.#baseDelayMs * 2 ** failures, this.#maxDelayMs);
    this.addAfter(key, delay, "urgent");
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

  /** Resolves with the next key (urgent ones first), or undefined once the queue shuts down. */
  get(): Promise<string | undefined> {
    if (this.#shuttingDown) return Promise.resolve(undefined);
    const key = this.#lines.urgent.shift() ?? this.#lines.routine.shift();
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
    const priority = this.#dirty.get(key);
    if (priority !== undefined) {
      this.#dirty.delete(key);
      this.add(key, priority);
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
