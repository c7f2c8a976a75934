import { describe, expect, it } from "vitest";
import { measureLoop, table } from "./measure.ts";

describe("measureLoop", () => {
  it("counts every completed operation across the concurrent loops", async () => {
    let calls = 0;
    const m = await measureLoop(0.2, 3, async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(m.rps * 0.2).toBeGreaterThan(calls * 0.8);
    expect(m.p50).toBeGreaterThanOrEqual(4);
    expect(m.p99).toBeGreaterThanOrEqual(m.p50);
  });
});

describe("table", () => {
  it("shows each row's ratio to the first", () => {
    const out = table("t", [
      ["base", { rps: 100, p50: 2, p99: 4 }],
      ["slow", { rps: 50, p50: 4, p99: 12 }],
    ]);
    const slow = out.split("\n").find((l) => l.startsWith("slow")) ?? "";
    expect(slow.split(/\s{2,}/).slice(1)).toEqual(["50", "0.50", "4.00", "2.00", "12.00", "3.00"]);
  });
});
