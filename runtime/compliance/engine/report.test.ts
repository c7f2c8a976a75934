import { describe, expect, it } from "vitest";
import { bucketStart, complianceReport, type StoredCheck } from "./report.ts";

const check = (
  documentId: string,
  framework: StoredCheck["framework"],
  status: StoredCheck["status"],
  score: number | null,
  checkedAt: string | null,
  rules: [string, string][] = [],
): StoredCheck => ({
  documentId,
  framework,
  status,
  score,
  checkedAt: checkedAt ? new Date(checkedAt) : null,
  findings: rules.map(([rule_id, severity]) => ({ rule_id, severity, message: "m", remediation: "r" })),
});

const rows: StoredCheck[] = [
  // d1 PCI: failed Monday, fixed Wednesday.
  check("d1", "PCI_DSS", "failed", 40, "2026-11-16T09:00:00Z", [
    ["pci-dss.pan-unmasked", "critical"],
    ["pci-dss.pan-unmasked", "critical"],
  ]),
  check("d1", "PCI_DSS", "passed", 100, "2026-11-18T09:00:00Z"),
  // d2, d3 GDPR: both missing a lawful basis.
  check("d2", "GDPR", "warning", 80, "2026-11-16T10:00:00Z", [["gdpr.lawful-basis", "high"]]),
  check("d3", "GDPR", "warning", 70, "2026-11-24T10:00:00Z", [
    ["gdpr.lawful-basis", "high"],
    ["gdpr.storage-limitation", "medium"],
  ]),
  // d3 SOX failed.
  check("d3", "SOX", "failed", 10, "2026-11-24T11:00:00Z", [["sox.approval-required", "critical"]]),
  // Not run yet.
  check("d4", "SOC2", "pending", null, null),
  // Malformed findings are skipped, not fatal.
  { ...check("d5", "SOC2", "passed", 95, "2026-11-25T08:00:00Z"), findings: [null, 7, { severity: "low" }] },
];

describe("complianceReport", () => {
  it("counts every check in the window and the latest per document and framework", () => {
    const r = complianceReport(rows);
    expect(r.totals).toEqual({ checks: 6, passed: 2, warning: 2, failed: 2, averageScore: 65.8 });
    expect(r.pending).toBe(1);
    expect(r.current).toMatchObject({ checks: 5, passed: 2, warning: 2, failed: 1 });
    expect(r.current.byFramework).toEqual({
      GDPR: { checks: 2, passed: 0, warning: 2, failed: 0, averageScore: 75 },
      PCI_DSS: { checks: 1, passed: 1, warning: 0, failed: 0, averageScore: 100 },
      SOC2: { checks: 1, passed: 1, warning: 0, failed: 0, averageScore: 95 },
      SOX: { checks: 1, passed: 0, warning: 0, failed: 1, averageScore: 10 },
    });
  });

  it("ranks failing rules by documents currently affected, then severity; fixed ones drop out", () => {
    const r = complianceReport(rows);
    expect(r.topFailingRules).toEqual([
      { rule_id: "gdpr.lawful-basis", framework: "GDPR", severity: "high", documents: 2 },
      { rule_id: "sox.approval-required", framework: "SOX", severity: "critical", documents: 1 },
      { rule_id: "gdpr.storage-limitation", framework: "GDPR", severity: "medium", documents: 1 },
    ]);
    expect(complianceReport(rows, { top: 1 }).topFailingRules).toHaveLength(1);
  });

  it("counts a rule once per document even with several findings", () => {
    const r = complianceReport(rows, { to: new Date("2026-11-17T00:00:00Z") });
    expect(r.topFailingRules[0]).toEqual({
      rule_id: "pci-dss.pan-unmasked",
      framework: "PCI_DSS",
      severity: "critical",
      documents: 1,
    });
  });

  it("builds a daily trend with empty days listed", () => {
    const r = complianceReport(rows, {
      from: new Date("2026-11-16T00:00:00Z"),
      to: new Date("2026-11-19T00:00:00Z"),
    });
    expect(r.trend).toEqual([
      { period: "2026-11-16", checks: 2, passed: 0, warning: 1, failed: 1, averageScore: 60 },
      { period: "2026-11-17", checks: 0, passed: 0, warning: 0, failed: 0, averageScore: null },
      { period: "2026-11-18", checks: 1, passed: 1, warning: 0, failed: 0, averageScore: 100 },
    ]);
    expect(r.totals.checks).toBe(3);
  });

  it("builds a weekly trend on ISO weeks (Mondays)", () => {
    const r = complianceReport(rows, { interval: "week" });
    expect(r.trend.map((t) => [t.period, t.checks, t.failed])).toEqual([
      ["2026-11-16", 3, 1],
      ["2026-11-23", 3, 1],
    ]);
  });

  it("reports an empty tenant without failing", () => {
    const r = complianceReport([]);
    expect(r).toMatchObject({ from: null, to: null, trend: [], topFailingRules: [], pending: 0 });
    expect(r.totals).toEqual({ checks: 0, passed: 0, warning: 0, failed: 0, averageScore: null });
  });
});

describe("bucketStart", () => {
  it("starts weeks on Monday, also from a Sunday", () => {
    expect(bucketStart(new Date("2026-11-22T23:59:00Z"), "week").toISOString()).toBe(
      "2026-11-16T00:00:00.000Z",
    );
    expect(bucketStart(new Date("2026-11-23T00:00:00Z"), "week").toISOString()).toBe(
      "2026-11-23T00:00:00.000Z",
    );
    expect(bucketStart(new Date("2026-11-23T15:00:00Z"), "day").toISOString()).toBe(
      "2026-11-23T00:00:00.000Z",
    );
  });
});
