import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff.ts";
import { nextStep, PIPELINE_STEPS, stepJobId } from "./steps.ts";

describe("retryDelayMs", () => {
  it("doubles the ceiling each attempt up to the cap", () => {
    const top = (attempt: number) =>
      retryDelayMs(attempt, { baseMs: 100, capMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([99, 199, 399, 799, 999, 999]);
  });
  it("spreads retries over the whole window (full jitter)", () => {
    expect(retryDelayMs(3, { baseMs: 100, random: () => 0 })).toBe(0);
    expect(retryDelayMs(3, { baseMs: 100, random: () => 0.5 })).toBe(200);
  });
});

describe("steps", () => {
  it("run in the declared order and end after notify", () => {
    const order: string[] = [];
    for (let s: (typeof PIPELINE_STEPS)[number] | undefined = "extract"; s; s = nextStep(s)) order.push(s);
    expect(order).toEqual([...PIPELINE_STEPS]);
  });
  it("have one job id per document version and step, without colons", () => {
    const ref = { tenantId: "t-1", documentId: "d-1", version: 3 };
    expect(stepJobId(ref, "classify")).toBe("t-1.d-1.v3.classify");
    expect(stepJobId({ ...ref, version: 4 }, "classify")).not.toBe(stepJobId(ref, "classify"));
  });
});
