// A tenant's compliance report from stored checks (compliance_checks rows): counts by status, a
// trend per day or ISO week, and the rules failing on the most documents. Pure: the route loads
// the rows, this shapes them.
import type { ComplianceCheck } from "../../db/schema/compliance-checks/compliance-check.ts";
import { SEVERITY_WEIGHTS } from "./scoring.ts";
import { SEVERITIES, type Severity } from "./types.ts";

export type StoredCheck = Pick<
  ComplianceCheck,
  "documentId" | "framework" | "status" | "score" | "findings" | "checkedAt"
>;

export const REPORT_INTERVALS = ["day", "week"] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

export interface ReportOptions {
  interval?: ReportInterval;
  /** Inclusive; default: the earliest check. */
  from?: Date;
  /** Exclusive; default: just after the latest check. */
  to?: Date;
  /** How many failing rules to list (default 10). */
  top?: number;
}

export interface StatusCounts {
  checks: number;
  passed: number;
  warning: number;
  failed: number;
  /** Mean score of the counted checks, one decimal; null when there are none. */
  averageScore: number | null;
}

export interface ComplianceReport {
  interval: ReportInterval;
  from: string | null;
  to: string | null;
  /** Every check completed in the window. */
  totals: StatusCounts;
  /** Checks queued but not yet run (no checked_at): not in any window. */
  pending: number;
  /** The latest check of each document and framework: where the tenant stands now. */
  current: StatusCounts & { byFramework: Record<string, StatusCounts> };
  trend: (StatusCounts & { period: string })[];
  topFailingRules: { rule_id: string; framework: string; severity: Severity | null; documents: number }[];
}

const DAY = 86_400_000;

/** Start of the UTC day, or of the ISO week (Monday). */
export function bucketStart(d: Date, interval: ReportInterval): Date {
  const day = Math.floor(d.getTime() / DAY) * DAY;
  if (interval === "day") return new Date(day);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * DAY);
}

function counts(checks: readonly StoredCheck[]): StatusCounts {
  const out: StatusCounts = { checks: 0, passed: 0, warning: 0, failed: 0, averageScore: null };
  let sum = 0;
  let scored = 0;
  for (const c of checks) {
    if (c.status === "pending") continue;
    out.checks++;
    out[c.status]++;
    if (c.score !== null) {
      sum += c.score;
      scored++;
    }
  }
  out.averageScore = scored ? Math.round((10 * sum) / scored) / 10 : null;
  return out;
}

function findingsOf(c: StoredCheck): { rule_id: string; severity: Severity | null }[] {
  return c.findings.flatMap((f) => {
    if (typeof f !== "object" || f === null) return [];
    const { rule_id, severity } = f as Record<string, unknown>;
    if (typeof rule_id !== "string") return [];
    return [{ rule_id, severity: SEVERITIES.includes(severity as Severity) ? (severity as Severity) : null }];
  });
}

export function complianceReport(
  rows: readonly StoredCheck[],
  options: ReportOptions = {},
): ComplianceReport {
  const { interval = "day", top = 10 } = options;
  const done = rows.filter(
    (r): r is StoredCheck & { checkedAt: Date } => r.checkedAt !== null && r.status !== "pending",
  );
  const times = done.map((r) => r.checkedAt.getTime());
  const from = options.from ?? (times.length ? new Date(Math.min(...times)) : undefined);
  const to = options.to ?? (times.length ? new Date(Math.max(...times) + 1) : undefined);
  const inWindow = done.filter((r) => (!from || r.checkedAt >= from) && (!to || r.checkedAt < to));

  const latest = new Map<string, StoredCheck & { checkedAt: Date }>();
  for (const r of inWindow) {
    const key = `${r.documentId}\u0000${r.framework}`;
    const seen = latest.get(key);
    if (!seen || r.checkedAt > seen.checkedAt) latest.set(key, r);
  }
  const current = [...latest.values()];
  const byFramework: Record<string, StatusCounts> = {};
  for (const fw of [...new Set(current.map((c) => c.framework))].sort()) {
    byFramework[fw] = counts(current.filter((c) => c.framework === fw));
  }

  const trend: ComplianceReport["trend"] = [];
  if (from && to) {
    const step = interval === "day" ? DAY : 7 * DAY;
    const buckets = new Map<number, StoredCheck[]>();
    for (const r of inWindow) {
      const k = bucketStart(r.checkedAt, interval).getTime();
      buckets.set(k, [...(buckets.get(k) ?? []), r]);
    }
    // Empty periods are listed too, so a chart's x-axis is continuous.
    for (let t = bucketStart(from, interval).getTime(); t < to.getTime(); t += step) {
      trend.push({ period: new Date(t).toISOString().slice(0, 10), ...counts(buckets.get(t) ?? []) });
    }
  }

  const failing = new Map<string, ComplianceReport["topFailingRules"][number]>();
  for (const c of current) {
    for (const f of new Map(findingsOf(c).map((x) => [x.rule_id, x])).values()) {
      const key = `${c.framework}\u0000${f.rule_id}`;
      const entry = failing.get(key) ?? {
        rule_id: f.rule_id,
        framework: c.framework,
        severity: f.severity,
        documents: 0,
      };
      entry.documents++;
      failing.set(key, entry);
    }
  }
  const weight = (s: Severity | null) => (s ? SEVERITY_WEIGHTS[s] : 0);
  const topFailingRules = [...failing.values()]
    .sort(
      (a, b) =>
        b.documents - a.documents ||
        weight(b.severity) - weight(a.severity) ||
        a.rule_id.localeCompare(b.rule_id) ||
        a.framework.localeCompare(b.framework),
    )
    .slice(0, top);

  return {
    interval,
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    totals: counts(inWindow),
    pending: rows.filter((r) => r.status === "pending").length,
    current: { ...counts(current), byFramework },
    trend,
    topFailingRules,
  };
}
