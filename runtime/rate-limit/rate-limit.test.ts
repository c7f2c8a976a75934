import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { rateLimit } from "./rate-limit.ts";

describe("rateLimit", () => {
  it("fails at construction without Redis or with a bad limit", () => {
    expect(() => rateLimit({ redis: undefined as unknown as Redis })).toThrow("rateLimit: redis is required");
    expect(() =>
      rateLimit({ redis: {} as Redis, limits: { starter: 0, professional: 1, enterprise: 1 } }),
    ).toThrow("rateLimit: limit for starter must be positive, got 0");
  });
});
