// Pure helpers of the pipeline benchmark: per-step latency percentiles from timed step runs
// (processing-record rows or wrapped handlers), per-document latency, and the per-step table.
import { percentile } from "../runtime-api/measure.ts";

export interface StepRun {
  documentId: string;
  step: string;
  startedAt: number;
  finishedAt: number;
}

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
}

/** p50/p99 of each step's duration (ms), steps in `order`; steps without runs are left out. */
export function stepPercentiles(
  runs: readonly StepRun[],
  order: readonly string[],
): Map<string, Percentiles> {
  const byStep = new Map<string, number[]>();
  for (const r of runs) byStep.set(r.step, [...(byStep.get(r.step) ?? []), r.finishedAt - r.startedAt]);
  const out = new Map<string, Percentiles>();
  for (const step of order) {
    const ms = byStep.get(step);
    if (!ms) continue;
    ms.sort((a, b) => a - b);
    out.set(step, { n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99) });
  }
  return out;
}

/** Each document's latency (ms), sorted: from its first step's start to its last step's end. */
export function documentLatencies(runs: readonly StepRun[]): number[] {
  const span = new Map<string, { from: number; to: number }>();
  for (const r of runs) {
    const s = span.get(r.documentId);
    span.set(r.documentId, {
      from: Math.min(s?.from ?? Number.POSITIVE_INFINITY, r.startedAt),
      to: Math.max(s?.to ?? Number.NEGATIVE_INFINITY, r.finishedAt),
    });
  }
  return [...span.values()].map(({ from, to }) => to - from).sort((a, b) => a - b);
}

const fmt = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(2) : "n/a");

/**
 * One row per step, p50 and p99 per configuration; every configuration after the first shows its
 * ratio to the first (the baseline) in parentheses.
 */
export function stepTable(
  title: string,
  order: readonly string[],
  configs: readonly [string, ReadonlyMap<string, Percentiles>][],
): string {
  const base = configs[0]?.[1];
  const head = ["step", ...configs.flatMap(([name]) => [`${name} p50`, "p99"])];
  const cell = (v: number | undefined, b: number | undefined, ratio: boolean) =>
    ratio && v !== undefined && b ? `${fmt(v)} (${(v / b).toFixed(2)})` : fmt(v);
  const body = order.map((step) => [
    step,
    ...configs.flatMap(([, m], i) => [
      cell(m.get(step)?.p50, base?.get(step)?.p50, i > 0),
      cell(m.get(step)?.p99, base?.get(step)?.p99, i > 0),
    ]),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [`\n${title}`, line(head), ...body.map(line)].join("\n");
}
