import { describe, expect, it } from "vitest";
import { lockoutState } from "./lockout.ts";

const t0 = new Date("2026-11-26T08:00:00Z").getTime();
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const policy = { maxFailures: 5, windowSeconds: 600, lockSeconds: 900 };

describe("lockoutState", () => {
  it("counts down remaining attempts", () => {
    expect(lockoutState([], at(0), policy)).toEqual({ locked: false, remainingAttempts: 5 });
    expect(lockoutState([at(0), at(10)], at(20), policy)).toEqual({ locked: false, remainingAttempts: 3 });
  });

  it("N failures within the window lock for M minutes from the Nth failure", () => {
    const failures = [0, 60, 120, 180, 240].map(at);
    expect(lockoutState(failures, at(241), policy)).toEqual({
      locked: true,
      until: at(1140),
      retryAfterSeconds: 899,
    });
    expect(lockoutState(failures, at(1139), policy)).toMatchObject({ locked: true, retryAfterSeconds: 1 });
    expect(lockoutState(failures, at(1140), policy)).toEqual({ locked: false, remainingAttempts: 5 });
  });

  it("failures spread wider than the window never lock", () => {
    const failures = [0, 200, 400, 601, 801, 1002, 1203].map(at);
    expect(lockoutState(failures, at(1204), policy)).toMatchObject({ locked: false });
  });

  it("old failures age out of the window", () => {
    expect(lockoutState([0, 1, 2, 3].map(at), at(601), policy)).toEqual({
      locked: false,
      remainingAttempts: 3,
    });
    expect(lockoutState([0, 1, 2, 3].map(at), at(604), policy)).toEqual({
      locked: false,
      remainingAttempts: 5,
    });
    expect(lockoutState([0, 1, 2, 3, 700].map(at), at(701), policy)).toEqual({
      locked: false,
      remainingAttempts: 4,
    });
  });

  it("failures during a lock do not extend it; a new lock needs N new failures", () => {
    const failures = [0, 1, 2, 3, 4, 100, 500, 904].map(at);
    expect(lockoutState(failures, at(905), policy)).toEqual({ locked: false, remainingAttempts: 4 });
    const again = [...failures, ...[905, 906, 907, 908].map(at)];
    expect(lockoutState(again, at(909), policy)).toEqual({
      locked: true,
      until: at(1808),
      retryAfterSeconds: 899,
    });
  });

  it("ignores failures in the future and unsorted input", () => {
    expect(lockoutState([at(4), at(0), at(3), at(1), at(2)], at(5), policy)).toMatchObject({ locked: true });
    expect(
      lockoutState(
        [0, 1, 2, 3, 4].map((s) => at(s + 100)),
        at(50),
        policy,
      ),
    ).toEqual({ locked: false, remainingAttempts: 5 });
  });
});
