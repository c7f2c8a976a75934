import { afterEach, describe, expect, it, vi } from "vitest";
import { Semaphore, SemaphoreTimeoutError } from "./index.ts";

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe("Semaphore", () => {
  it("never runs more than its capacity at once", async () => {
    const sem = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const task = () =>
      sem.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await settle();
        running--;
      });
    await Promise.all(Array.from({ length: 7 }, task));
    expect(peak).toBe(2);
    expect(sem.inUse).toBe(0);
    expect(sem.waiting).toBe(0);
  });

  it("grants slots in the order they were asked for", async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3].map(async (n) => {
      const release = await sem.acquire();
      order.push(n);
      return release;
    });
    expect(sem.waiting).toBe(3);
    first();
    for (const w of waiters) (await w)();
    expect(order).toEqual([1, 2, 3]);
    expect(sem.inUse).toBe(0);
  });

  it("hands a released slot to the oldest waiter, not to a newcomer", async () => {
    const sem = new Semaphore(1);
    const holder = await sem.acquire();
    const waiter = sem.acquire();
    holder();
    expect(sem.inUse).toBe(1);
    expect(sem.waiting).toBe(0);
    const newcomer = sem.acquire();
    expect(sem.waiting).toBe(1);
    (await waiter)();
    (await newcomer)();
    expect(sem.inUse).toBe(0);
  });

  it("ignores a second release", async () => {
    const sem = new Semaphore(2);
    const a = await sem.acquire();
    const b = await sem.acquire();
    a();
    a();
    expect(sem.inUse).toBe(1);
    b();
    expect(sem.inUse).toBe(0);
  });

  it("releases when the work fails", async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(sem.inUse).toBe(0);
  });

  describe("signal", () => {
    it("lets an aborted waiter leave the line", async () => {
      const sem = new Semaphore(1);
      let release: () => void = () => {};
      const holder = sem.run(() => new Promise<void>((r) => (release = r)));
      const ac = new AbortController();
      const waiter = sem.run(async () => "never", { signal: ac.signal });
      await settle();
      expect(sem.waiting).toBe(1);
      ac.abort(new Error("shutting down"));
      await expect(waiter).rejects.toThrow("shutting down");
      expect(sem.waiting).toBe(0);
      release();
      await holder;
      expect(sem.inUse).toBe(0);
    });

    it("acquires nothing with a signal already aborted, even when a slot is free", async () => {
      const sem = new Semaphore(1);
      const ac = new AbortController();
      ac.abort(new Error("too late"));
      await expect(sem.acquire({ signal: ac.signal })).rejects.toThrow("too late");
      expect(sem.inUse).toBe(0);
    });
  });

  describe("timeoutMs", () => {
    it("rejects a waiter with SemaphoreTimeoutError naming what waited, and takes it out of the line", async () => {
      vi.useFakeTimers();
      const sem = new Semaphore(2);
      const holders = [await sem.acquire(), await sem.acquire()];
      const waiter = sem.acquire({ timeoutMs: 50, what: "tenant t1" });
      const outcome = waiter.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(49);
      expect(sem.waiting).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      const err = await outcome;
      expect(err).toBeInstanceOf(SemaphoreTimeoutError);
      expect(err).toMatchObject({ message: "tenant t1: all 2 slots busy for 50 ms", timeoutMs: 50 });
      expect(sem.waiting).toBe(0);
      for (const release of holders) release();
      expect(sem.inUse).toBe(0);
    });

    it("does not fire once the slot was granted", async () => {
      vi.useFakeTimers();
      const sem = new Semaphore(1);
      const holder = await sem.acquire();
      const waiter = sem.acquire({ timeoutMs: 50 });
      holder();
      const release = await waiter;
      await vi.advanceTimersByTimeAsync(100);
      expect(vi.getTimerCount()).toBe(0);
      expect(sem.inUse).toBe(1);
      release();
    });

    it("does not delay a free slot", async () => {
      const sem = new Semaphore(1);
      const release = await sem.acquire({ timeoutMs: 0 });
      expect(sem.inUse).toBe(1);
      release();
    });

    it("refuses a negative or non-numeric timeout", () => {
      const sem = new Semaphore(1);
      expect(() => sem.acquire({ timeoutMs: -1 })).toThrow(
        "Semaphore: timeoutMs must be a number >= 0, got -1",
      );
      expect(() => sem.acquire({ timeoutMs: Number.NaN })).toThrow("got NaN");
    });
  });

  describe("resize", () => {
    it("grants waiters at once when it grows", async () => {
      const sem = new Semaphore(1);
      const holder = await sem.acquire();
      const granted: number[] = [];
      const waiters = [1, 2, 3].map(async (n) => {
        const release = await sem.acquire();
        granted.push(n);
        return release;
      });
      sem.resize(3);
      await settle();
      expect(granted).toEqual([1, 2]);
      expect(sem.inUse).toBe(3);
      expect(sem.waiting).toBe(1);
      holder();
      await settle();
      expect(granted).toEqual([1, 2, 3]);
      for (const w of waiters) (await w)();
      expect(sem.inUse).toBe(0);
    });

    it("takes slots back as they are released when it shrinks, interrupting nobody", async () => {
      const sem = new Semaphore(3);
      const held = await Promise.all([sem.acquire(), sem.acquire(), sem.acquire()]);
      const waiter = sem.acquire();
      sem.resize(1);
      expect(sem.inUse).toBe(3);
      held[0]?.();
      held[1]?.();
      await settle();
      expect(sem.inUse).toBe(1);
      expect(sem.waiting).toBe(1);
      held[2]?.();
      (await waiter)();
      expect(sem.inUse).toBe(0);
      expect(sem.capacity).toBe(1);
    });

    it("refuses a capacity below one", () => {
      expect(() => new Semaphore(2).resize(0)).toThrow("got 0");
    });
  });

  it("rejects a capacity below one", () => {
    expect(() => new Semaphore(0)).toThrow("Semaphore: capacity must be an integer >= 1, got 0");
    expect(() => new Semaphore(1.5)).toThrow("got 1.5");
  });
});
