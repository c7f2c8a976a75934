import { afterEach, describe, expect, it, vi } from "vitest";
import { WorkQueue } from "./work-queue.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("WorkQueue", () => {
  it("collapses duplicate adds and hands keys out in order", async () => {
    const q = new WorkQueue();
    q.add("ns/a");
    q.add("ns/b");
    q.add("ns/a");
    expect(q.length).toBe(2);
    expect(await q.get()).toBe("ns/a");
    expect(await q.get()).toBe("ns/b");
    expect(q.length).toBe(0);
  });

  it("never hands one key to two workers: an add during processing waits for done()", async () => {
    const q = new WorkQueue();
    q.add("ns/a");
    const first = await q.get();
    q.add("ns/a"); // changed while being reconciled
    expect(q.length).toBe(0);
    let second: string | undefined;
    void q.get().then((k) => {
      second = k;
    });
    await Promise.resolve();
    expect(second).toBeUndefined();
    q.done(first as string);
    await Promise.resolve();
    expect(second).toBe("ns/a");
  });

  it("backs off exponentially per key up to the cap, and forget() resets", () => {
    vi.useFakeTimers();
    const q = new WorkQueue({ baseDelayMs: 100, maxDelayMs: 1_000 });
    expect([1, 2, 3, 4, 5].map(() => q.addRateLimited("ns/a"))).toEqual([100, 200, 400, 800, 1_000]);
    expect(q.failures("ns/a")).toBe(5);
    q.forget("ns/a");
    expect(q.addRateLimited("ns/a")).toBe(100);
  });

  it("keeps the earliest of several delayed adds", async () => {
    vi.useFakeTimers();
    const q = new WorkQueue();
    q.addAfter("ns/a", 5_000);
    q.addAfter("ns/a", 1_000);
    q.addAfter("ns/a", 3_000);
    vi.advanceTimersByTime(999);
    expect(q.length).toBe(0);
    vi.advanceTimersByTime(1);
    expect(q.length).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(q.length).toBe(1);
  });

  it("releases waiting workers with undefined on shutdown and ignores later adds", async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.shutDown();
    await expect(waiting).resolves.toBeUndefined();
    q.add("ns/a");
    expect(q.length).toBe(0);
    await expect(q.get()).resolves.toBeUndefined();
  });

  it("serves urgent keys before routine ones, and moves a routine key up when it becomes urgent", async () => {
    const q = new WorkQueue();
    q.add("ns/drift-1", "routine");
    q.add("ns/drift-2", "routine");
    q.add("ns/new");
    q.add("ns/drift-2"); // changed meanwhile
    expect(q.waiting("urgent")).toBe(2);
    expect(q.waiting("routine")).toBe(1);
    expect([await q.get(), await q.get(), await q.get()]).toEqual(["ns/new", "ns/drift-2", "ns/drift-1"]);
  });

  it("keeps a key urgent when it is added as routine while waiting or being processed", async () => {
    const q = new WorkQueue();
    q.add("ns/a");
    q.add("ns/a", "routine");
    q.add("ns/b", "routine");
    expect(await q.get()).toBe("ns/a");
    q.add("ns/a", "routine");
    q.add("ns/a"); // urgent while being processed: re-queued as urgent
    q.done("ns/a");
    expect(await q.get()).toBe("ns/a");
  });

  it("gives namespaces turns within a priority", async () => {
    const q = new WorkQueue();
    for (let i = 0; i < 4; i++) q.add(`busy/t${i}`);
    q.add("quiet/t0");
    q.add("other/t0");
    const order: string[] = [];
    for (let i = 0; i < 6; i++) order.push((await q.get()) ?? "");
    expect(order).toEqual(["busy/t0", "quiet/t0", "other/t0", "busy/t1", "busy/t2", "busy/t3"]);
  });

  it("delays routine re-adds with their priority", async () => {
    vi.useFakeTimers();
    const q = new WorkQueue();
    q.addAfter("ns/a", 1_000, "routine");
    vi.advanceTimersByTime(1_000);
    expect(q.waiting("routine")).toBe(1);
  });

  it("rejects a nonsensical backoff configuration", () => {
    expect(() => new WorkQueue({ baseDelayMs: 0 })).toThrow(/need 0 < baseDelayMs \(0\)/);
    expect(() => new WorkQueue({ baseDelayMs: 10, maxDelayMs: 5 })).toThrow(/<= maxDelayMs \(5\)/);
  });
});
