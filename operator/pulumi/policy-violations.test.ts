import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { describeViolations, policyViolationCollector, resourceOfUrn } from "./policy-violations.ts";

const event = (enforcementLevel: "mandatory" | "warning", resourceUrn?: string, message = "m\n") =>
  ({
    sequence: 1,
    timestamp: 0,
    policyEvent: {
      ...(resourceUrn ? { resourceUrn } : {}),
      message,
      color: "never",
      policyName: "data-residency",
      policyPackName: "wspec-compliance",
      policyPackVersion: "0.1.0",
      policyPackVersionTag: "0.1.0",
      enforcementLevel,
    },
  }) as EngineEvent;

describe("policy violations", () => {
  it("names a resource from its URN, nested types included", () => {
    expect(resourceOfUrn("urn:pulumi:s::p::wspec:aws:TenantSilo$aws:rds/cluster:Cluster::acme-db")).toBe(
      "acme-db (aws:rds/cluster:Cluster)",
    );
    expect(resourceOfUrn(undefined)).toBe("the stack");
  });

  it("collects mandatory violations only, and describes each with its rule", () => {
    const c = policyViolationCollector();
    c.onEvent(event("warning", "urn:pulumi:s::p::aws:s3/bucket:Bucket::docs"));
    c.onEvent(
      event("mandatory", "urn:pulumi:s::p::aws:s3/bucket:Bucket::docs", 'region "us-east-1" not in [eu-*]\n'),
    );
    c.onEvent({
      sequence: 2,
      timestamp: 0,
      diagnosticEvent: { message: "x", color: "never", severity: "info" },
    } as EngineEvent);
    expect(c.violations).toEqual([
      {
        pack: "wspec-compliance",
        rule: "data-residency",
        resource: "docs (aws:s3/bucket:Bucket)",
        message: 'region "us-east-1" not in [eu-*]',
      },
    ]);
    expect(describeViolations(c.violations)).toBe(
      'rule data-residency (wspec-compliance) on docs (aws:s3/bucket:Bucket): region "us-east-1" not in [eu-*]',
    );
    expect(
      describeViolations([{ ...c.violations[0], message: "docs (aws:s3/bucket:Bucket): region x" } as never]),
    ).toBe("rule data-residency (wspec-compliance): docs (aws:s3/bucket:Bucket): region x");
  });
});
