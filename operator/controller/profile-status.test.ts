import { describe, expect, it } from "vitest";
import type { ComplianceProfile } from "../../crds/index.ts";
import { desiredProfileStatus } from "./profile-status.ts";

const now = new Date("2026-11-26T10:00:00Z");
const profile = (spec: unknown, status?: ComplianceProfile["status"]): ComplianceProfile =>
  ({
    apiVersion: "wspec.io/v1alpha1",
    kind: "ComplianceProfile",
    metadata: { name: "eu", generation: 3 },
    spec,
    status,
  }) as ComplianceProfile;
const valid = { frameworks: ["GDPR"], allowedRegions: { local: ["*"] }, pii: "redact" };

describe("desiredProfileStatus", () => {
  it("lists bound tenants sorted and marks a valid profile Ready", () => {
    const s = desiredProfileStatus(profile(valid), ["b/t2", "a/t1"], now);
    expect(s?.boundTenants).toEqual(["a/t1", "b/t2"]);
    expect(s?.observedGeneration).toBe(3);
    expect(s?.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
  });

  it("returns nothing when the status is already right (no write, no event storm)", () => {
    const first = desiredProfileStatus(profile(valid), ["a/t1"], now);
    expect(desiredProfileStatus(profile(valid, first), ["a/t1"], now)).toBeUndefined();
  });

  it("marks an invalid profile Stalled with the problem named", () => {
    const s = desiredProfileStatus(profile({ ...valid, pii: "shred" }), [], now);
    const ready = s?.conditions.find((c) => c.type === "Ready");
    expect(ready).toMatchObject({ status: "False", reason: "ProfileInvalid" });
    expect(ready?.message).toMatch(/spec.pii "shred" not in \[block, redact, flag\]/);
  });
});
