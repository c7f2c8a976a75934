import { describe, expect, it } from "vitest";
import type { Condition } from "../../crds/index.ts";
import {
  events,
  findCondition,
  markFailed,
  markReady,
  markReconciling,
  markStalled,
  phaseOf,
  profileNotFound,
  setCondition,
  toTime,
} from "./index.ts";

const t0 = new Date("2026-11-26T10:00:00.123Z");
const t1 = new Date("2026-11-26T10:05:00.000Z");
const types = (cs: Condition[]) => cs.map((c) => `${c.type}=${c.status}`);

describe("setCondition", () => {
  it("adds a condition with the time in whole seconds", () => {
    expect(
      setCondition(
        undefined,
        { type: "Compliant", status: "True", reason: "PreflightPassed", message: "ok" },
        3,
        t0,
      ),
    ).toEqual([
      {
        type: "Compliant",
        status: "True",
        reason: "PreflightPassed",
        message: "ok",
        observedGeneration: 3,
        lastTransitionTime: "2026-11-26T10:00:00Z",
      },
    ]);
  });

  it("keeps lastTransitionTime while the status holds, updating reason, message and generation", () => {
    const before = setCondition(
      [],
      { type: "Ready", status: "False", reason: "Provisioning", message: "a" },
      1,
      t0,
    );
    const after = setCondition(
      before,
      { type: "Ready", status: "False", reason: "RegionNotAllowed", message: "b" },
      2,
      t1,
    );
    expect(after).toEqual([
      { ...before[0], reason: "RegionNotAllowed", message: "b", observedGeneration: 2 },
    ]);
    const flipped = setCondition(
      after,
      { type: "Ready", status: "True", reason: "Provisioned", message: "c" },
      2,
      t1,
    );
    expect(flipped[0]?.lastTransitionTime).toBe(toTime(t1));
  });

  it("never changes its input and keeps the order of the others", () => {
    const input = Object.freeze([
      Object.freeze(
        setCondition(
          [],
          { type: "Provisioned", status: "True", reason: "Provisioned", message: "" },
          1,
          t0,
        )[0] as Condition,
      ),
      Object.freeze(
        setCondition(
          [],
          { type: "Ready", status: "True", reason: "Provisioned", message: "" },
          1,
          t0,
        )[0] as Condition,
      ),
    ]);
    const out = setCondition(
      input,
      { type: "Provisioned", status: "False", reason: "Destroying", message: "" },
      2,
      t1,
    );
    expect(types(out)).toEqual(["Provisioned=False", "Ready=True"]);
    expect(input[0]?.status).toBe("True");
  });
});

describe("the ready protocol", () => {
  const why = { reason: "Provisioning", message: "pulumi up of stack tenant-a-b-0123456789" };

  it("markReconciling: Ready=False with the same reason, Reconciling=True, Stalled gone", () => {
    const stalled = markStalled([], { reason: "SpecInvalid", message: "bad" }, 1, t0);
    const out = markReconciling(stalled, why, 2, t1);
    expect(types(out)).toEqual(["Ready=False", "Reconciling=True"]);
    expect(findCondition(out, "Ready")).toMatchObject({
      ...why,
      observedGeneration: 2,
      lastTransitionTime: toTime(t0),
    });
    expect(phaseOf(out)).toBe("Provisioning");
  });

  it("markReady: Ready=True, Reconciling and Stalled gone, other conditions kept", () => {
    let cs = setCondition(
      [],
      { type: "Compliant", status: "True", reason: "PreflightPassed", message: "" },
      2,
      t0,
    );
    cs = markReconciling(cs, why, 2, t0);
    const out = markReady(cs, 2, t1);
    expect(types(out)).toEqual(["Compliant=True", "Ready=True"]);
    expect(findCondition(out, "Ready")).toEqual({
      type: "Ready",
      status: "True",
      reason: "Provisioned",
      message: "the tenant is provisioned and up to date",
      observedGeneration: 2,
      lastTransitionTime: toTime(t1),
    });
    expect(phaseOf(out)).toBe("Ready");
  });

  it("markStalled: Ready=False and Stalled=True with the problem, Reconciling gone", () => {
    const problem = profileNotFound("eu-gdpr", ["us-hipaa"]);
    const out = markStalled(markReconciling([], why, 1, t0), problem, 1, t1);
    expect(out.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      [
        "Ready",
        "False",
        "ProfileNotFound",
        'spec.complianceProfile "eu-gdpr" not found: existing profiles [us-hipaa]',
      ],
      [
        "Stalled",
        "True",
        "ProfileNotFound",
        'spec.complianceProfile "eu-gdpr" not found: existing profiles [us-hipaa]',
      ],
    ]);
    expect(phaseOf(out)).toBe("Failed");
  });

  it("markFailed: Ready=False with the failure, Reconciling=True RetryingAfterFailure", () => {
    const out = markFailed(
      markReady([], 1, t0),
      { reason: "UpdateFailed", message: "postgres refused" },
      1,
      t1,
    );
    expect(out.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["Ready", "False", "UpdateFailed", "postgres refused"],
      ["Reconciling", "True", "RetryingAfterFailure", "retrying after failure: postgres refused"],
    ]);
    expect(phaseOf(out)).toBe("Failed");
  });

  it("phaseOf: Pending before anything happened, Deleting once deletion started", () => {
    expect(phaseOf(undefined)).toBe("Pending");
    expect(phaseOf(markReady([], 1, t0), true)).toBe("Deleting");
  });
});

describe("events", () => {
  it("have a fixed type and reason per transition", () => {
    expect(events.preflightFailed([profileNotFound("x")])).toEqual({
      type: "Warning",
      reason: "PreflightFailed",
      message: 'spec.complianceProfile "x" not found: existing profiles []',
    });
    expect(events.provisioned("tenant-a-b-0123456789", 12.34, 9)).toEqual({
      type: "Normal",
      reason: "Provisioned",
      message: "stack tenant-a-b-0123456789 up in 12.3 s (9 resources)",
    });
    expect(events.destroyFailed("s", "boom")).toMatchObject({ type: "Warning", reason: "DestroyFailed" });
  });
});
