import { afterEach, describe, expect, it, vi } from "vitest";
import { Semaphore } from "../../lib/semaphore/index.ts";
import {
  adaptConcurrency,
  boundsFor,
  nextConcurrency,
  readCpuPressure,
  SATURATED,
  SPARE,
} from "./operation-concurrency.ts";

afterEach(() => {
  vi.useRealTimers();
});

const PSI = (some: number) =>
  `some avg10=${some.toFixed(2)} avg60=10.00 avg300=5.00 total=123\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n`;

describe("operation concurrency", () => {
  it("is bounded by the cores: two per core to start and at most, never below one per core", () => {
    expect(boundsFor(2)).toEqual({ min: 2, max: 4, initial: 4 });
    expect(boundsFor(16)).toEqual({ min: 16, max: 32, initial: 32 });
    expect(boundsFor(0)).toEqual({ min: 1, max: 2, initial: 2 });
  });

  it("reads the CPU pressure of the last 10 s from PSI, and nothing where there is none", () => {
    expect(readCpuPressure(() => PSI(68.97))).toBeCloseTo(0.6897);
    expect(
      readCpuPressure(() => {
        throw new Error("ENOENT");
      }),
    ).toBeUndefined();
    expect(readCpuPressure(() => "garbage")).toBeUndefined();
    expect(readCpuPressure(() => "some avg10=250.00 avg60=0")).toBeUndefined();
  });

  it("steps down when saturated, up when CPU is spare and operations wait, and stays otherwise", () => {
    const b = { min: 1, max: 4 };
    expect(nextConcurrency(3, b, SATURATED + 0.01, 5)).toBe(2);
    expect(nextConcurrency(1, b, 1, 5)).toBe(1);
    expect(nextConcurrency(2, b, SPARE - 0.01, 5)).toBe(3);
    expect(nextConcurrency(4, b, 0, 5)).toBe(4);
    expect(nextConcurrency(2, b, 0, 0)).toBe(2); // nothing waits: no reason to grow
    expect(nextConcurrency(2, b, (SPARE + SATURATED) / 2, 5)).toBe(2);
    expect(nextConcurrency(2, b, undefined, 5)).toBe(2);
  });

  it("resizes the operation limit from the readings, and stops when told", () => {
    vi.useFakeTimers();
    const limit = new Semaphore(2);
    const held = [limit.acquire(), limit.acquire(), limit.acquire()]; // one waits
    const readings = [0.1, 0.1, 0.99, 0.5];
    const changes: number[] = [];
    const stop = adaptConcurrency(limit, {
      min: 1,
      max: 3,
      intervalMs: 1_000,
      readPressure: () => readings.shift(),
      onChange: (n) => changes.push(n),
    });
    vi.advanceTimersByTime(4_000);
    expect(changes).toEqual([3, 2]);
    stop();
    vi.advanceTimersByTime(5_000);
    expect(changes).toEqual([3, 2]);
    void held;
  });
});
