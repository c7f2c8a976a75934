// Security review, issue 16: nothing bounded argon2 work, so a flood of sign-ins queued unbounded
// hashes on libuv's pool. The gate runs a fixed number and refuses the overflow with 429.
import { describe, expect, it } from "vitest";
import { ApiError } from "../app/index.ts";
import type { PasswordHasher } from "./password.ts";
import { gatePasswordHashing } from "./password-gate.ts";

function slowHasher() {
  let running = 0;
  let peak = 0;
  const waiters: (() => void)[] = [];
  const hasher: PasswordHasher = {
    async hash() {
      return "h";
    },
    async verify() {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => waiters.push(r));
      running--;
      return true;
    },
    needsRehash: () => false,
  };
  return {
    hasher,
    peak: () => peak,
    started: () => waiters.length,
    finishAll: () => {
      for (const w of waiters.splice(0)) w();
    },
  };
}

describe("gatePasswordHashing", () => {
  it("runs at most `concurrency` at once, lets `maxWaiting` wait, refuses the rest with 429", async () => {
    const slow = slowHasher();
    const gate = gatePasswordHashing(slow.hasher, { concurrency: 2, maxWaiting: 3, waitMs: 60_000 });
    const calls = Array.from({ length: 20 }, () =>
      gate.verify("stored", "pw").then(
        (ok) => ({ ok }),
        (err: unknown) => ({ err }),
      ),
    );
    await new Promise((r) => setImmediate(r));
    expect(slow.started()).toBe(2);
    // Release in rounds until everyone admitted has run.
    for (let i = 0; i < 4; i++) {
      slow.finishAll();
      await new Promise((r) => setImmediate(r));
    }
    const results = await Promise.all(calls);
    expect(slow.peak()).toBe(2);
    expect(results.filter((r) => "ok" in r).length).toBe(5);
    const refused = results.filter((r): r is { err: unknown } => "err" in r);
    expect(refused.length).toBe(15);
    for (const { err } of refused) {
      expect(err).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      expect(e.status).toBe(429);
      expect(e.headers["Retry-After"]).toBe("1");
    }
  });

  it("refuses a caller that waited too long", async () => {
    const slow = slowHasher();
    const gate = gatePasswordHashing(slow.hasher, { concurrency: 1, maxWaiting: 5, waitMs: 10 });
    const first = gate.verify("s", "p");
    await expect(gate.verify("s", "p")).rejects.toMatchObject({ status: 429 });
    slow.finishAll();
    await expect(first).resolves.toBe(true);
  });
});
