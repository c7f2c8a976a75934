import { describe, expect, it } from "vitest";
import { SEVERITY_WEIGHTS, STATUS_THRESHOLDS, score, statusOf } from "./scoring.ts";
import type { Finding, Severity } from "./types.ts";

const finding = (rule_id: string, severity: Severity): Finding => ({
  rule_id,
  severity,
  message: "m",
  remediation: "r",
});

describe("score", () => {
  const rules = [
    { id: "a", severity: "critical" as const },
    { id: "b", severity: "high" as const },
    { id: "c", severity: "medium" as const },
    { id: "d", severity: "low" as const },
  ];
  const total = 10 + 5 + 3 + 1;

  it("is 100 with no findings, and when no rule was evaluated", () => {
    expect(score(rules, [])).toBe(100);
    expect(score([], [])).toBe(100);
  });

  it("loses each failed rule's weight once, however many findings it has", () => {
    expect(score(rules, [finding("b", "high")])).toBe(Math.round((100 * (total - 5)) / total));
    expect(score(rules, [finding("b", "high"), finding("b", "high"), finding("b", "high")])).toBe(74);
    expect(
      score(
        rules,
        rules.map((r) => finding(r.id, r.severity)),
      ),
    ).toBe(0);
  });

  it("weighs a critical rule ten times a low one", () => {
    expect(SEVERITY_WEIGHTS.critical / SEVERITY_WEIGHTS.low).toBe(10);
  });
});

describe("statusOf", () => {
  it("passes at and above the passed threshold with at most low or medium findings", () => {
    expect(statusOf(100, [])).toBe("passed");
    expect(statusOf(STATUS_THRESHOLDS.passed, [{ severity: "low" }])).toBe("passed");
    expect(statusOf(STATUS_THRESHOLDS.passed, [{ severity: "medium" }])).toBe("passed");
  });

  it("warns just below the passed threshold, or on any high finding", () => {
    expect(statusOf(STATUS_THRESHOLDS.passed - 1, [{ severity: "medium" }])).toBe("warning");
    expect(statusOf(STATUS_THRESHOLDS.warning, [{ severity: "low" }])).toBe("warning");
    expect(statusOf(95, [{ severity: "high" }])).toBe("warning");
  });

  it("fails below the warning threshold, or on any critical finding whatever the score", () => {
    expect(statusOf(STATUS_THRESHOLDS.warning - 1, [{ severity: "low" }])).toBe("failed");
    expect(statusOf(99, [{ severity: "critical" }])).toBe("failed");
  });
});
