// How findings become a score and a status. The thresholds are declared here and nowhere else.
import type { CheckStatus, Finding, Severity } from "./types.ts";

/** A rule's share of the score: missing a critical rule costs ten times a low one. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
};

/**
 * passed: score at least `passed` and nothing critical or high; failed: score below `warning` or
 * any critical finding; warning otherwise. A lone low finding can still pass: it is advice.
 */
export const STATUS_THRESHOLDS = { passed: 90, warning: 70 } as const;

/** 0-100: the weighted share of evaluated rules that reported nothing; 100 when none applied. */
export function score(
  evaluated: readonly { id: string; severity: Severity }[],
  findings: readonly Finding[],
): number {
  const failed = new Set(findings.map((f) => f.rule_id));
  let total = 0;
  let lost = 0;
  for (const r of evaluated) {
    total += SEVERITY_WEIGHTS[r.severity];
    if (failed.has(r.id)) lost += SEVERITY_WEIGHTS[r.severity];
  }
  return total === 0 ? 100 : Math.round((100 * (total - lost)) / total);
}

export function statusOf(points: number, findings: readonly Pick<Finding, "severity">[]): CheckStatus {
  const worst = new Set(findings.map((f) => f.severity));
  if (worst.has("critical") || points < STATUS_THRESHOLDS.warning) return "failed";
  if (worst.has("high") || points < STATUS_THRESHOLDS.passed) return "warning";
  return "passed";
}
