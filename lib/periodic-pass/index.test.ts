import { afterEach, describe, expect, it, vi } from "vitest";
import { startPeriodicPass } from "./index.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("startPeriodicPass", () => {
  it("runs every interval after the previous pass ends, and a runOnce during a pass joins it", async () => {
    vi.useFakeTimers();
    let passes = 0;
    let release: (() => void) | undefined;
    const p = startPeriodicPass(async () => {
      passes++;
      await new Promise<void>((r) => {
        release = r;
      });
      return passes;
    }, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(1);
    const joined = p.runOnce();
    await vi.advanceTimersByTimeAsync(5_000); // the pass still runs: no second one starts
    expect(passes).toBe(1);
    release?.();
    expect(await joined).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(2);
    release?.();
    await p.stop();
  });

  it("keeps going after a failed pass", async () => {
    vi.useFakeTimers();
    let passes = 0;
    const p = startPeriodicPass(async () => {
      passes++;
      throw new Error("down");
    }, 1_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(passes).toBe(3);
    await p.stop();
  });

  it("stop() aborts the running pass's signal, waits for it, and ends the timer", async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    let passes = 0;
    const p = startPeriodicPass(async (signal) => {
      passes++;
      seen = signal;
      while (!signal.aborted) await new Promise((r) => setTimeout(r, 10));
      return "stopped early";
    }, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    const stopped = p.stop();
    await vi.advanceTimersByTimeAsync(20);
    await stopped;
    expect(seen?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(1);
  });
});
