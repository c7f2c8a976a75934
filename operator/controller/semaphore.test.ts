import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore.ts";

describe("Semaphore", () => {
  it("never runs more than its capacity at once", async () => {
    const sem = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const task = () =>
      sem.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      });
    await Promise.all(Array.from({ length: 7 }, task));
    expect(peak).toBe(2);
    expect(sem.inUse).toBe(0);
  });

  it("releases on failure and lets an aborted waiter leave the line", async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    let release: () => void = () => {};
    const holder = sem.run(() => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    const waiter = sem.run(async () => "never", ac.signal);
    ac.abort(new Error("shutting down"));
    await expect(waiter).rejects.toThrow("shutting down");
    release();
    await holder;
    expect(sem.inUse).toBe(0);
  });

  it("rejects a capacity below one", () => {
    expect(() => new Semaphore(0)).toThrow("Semaphore: capacity must be an integer >= 1, got 0");
  });
});
