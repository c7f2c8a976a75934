// Span-level precision, recall and F2 for the PII evaluation. F2 weighs recall twice as much as
// precision: a missed card number leaks, a spurious one only costs a redacted token.

export interface Span {
  type: string;
  start: number;
  end: number;
}

export interface Score {
  type: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f2: number;
}

/** Share of the union two spans have in common (intersection over union of character ranges). */
export function overlapRatio(a: Span, b: Span): number {
  const intersection = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (intersection <= 0) return 0;
  return intersection / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

export function fBeta(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const denominator = b2 * precision + recall;
  return denominator === 0 ? 0 : ((1 + b2) * precision * recall) / denominator;
}

/**
 * Pairs gold and predicted spans of one document one-to-one: same type and an overlap ratio of at
 * least `minOverlap` (0.5 by default, so "$45" against "$45.00" counts, a span covering a different
 * value does not), best overlaps first.
 */
export function matchSpans(gold: readonly Span[], predicted: readonly Span[], minOverlap = 0.5) {
  const pairs: { g: number; p: number; ratio: number }[] = [];
  gold.forEach((g, gi) => {
    predicted.forEach((p, pi) => {
      const ratio = g.type === p.type ? overlapRatio(g, p) : 0;
      if (ratio >= minOverlap) pairs.push({ g: gi, p: pi, ratio });
    });
  });
  pairs.sort((a, b) => b.ratio - a.ratio || a.g - b.g || a.p - b.p);
  const goldUsed = new Set<number>();
  const predictedUsed = new Set<number>();
  for (const pair of pairs) {
    if (goldUsed.has(pair.g) || predictedUsed.has(pair.p)) continue;
    goldUsed.add(pair.g);
    predictedUsed.add(pair.p);
  }
  return {
    matched: [...goldUsed].map((i) => gold[i] as Span),
    missed: gold.filter((_, i) => !goldUsed.has(i)),
    spurious: predicted.filter((_, i) => !predictedUsed.has(i)),
  };
}

function toScore(type: string, tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    type,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f2: fBeta(precision, recall, 2),
  };
}

/** Scores per type (sorted by name) and overall (micro-averaged: every span counts once). */
export function scoreDocuments(
  documents: readonly { gold: readonly Span[]; predicted: readonly Span[] }[],
  minOverlap = 0.5,
) {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (type: string, key: "tp" | "fp" | "fn") => {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[key]++;
    counts.set(type, c);
  };
  for (const doc of documents) {
    const { matched, missed, spurious } = matchSpans(doc.gold, doc.predicted, minOverlap);
    for (const s of matched) bump(s.type, "tp");
    for (const s of missed) bump(s.type, "fn");
    for (const s of spurious) bump(s.type, "fp");
  }
  const perType = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, c]) => toScore(type, c.tp, c.fp, c.fn));
  const total = perType.reduce(
    (t, s) => ({ tp: t.tp + s.truePositives, fp: t.fp + s.falsePositives, fn: t.fn + s.falseNegatives }),
    { tp: 0, fp: 0, fn: 0 },
  );
  return { perType, overall: toScore("overall", total.tp, total.fp, total.fn) };
}

export function formatTable(scores: { perType: readonly Score[]; overall: Score }): string {
  const header = ["type", "gold", "tp", "fp", "fn", "precision", "recall", "F2"];
  const row = (s: Score) => [
    s.type,
    String(s.truePositives + s.falseNegatives),
    String(s.truePositives),
    String(s.falsePositives),
    String(s.falseNegatives),
    s.precision.toFixed(3),
    s.recall.toFixed(3),
    s.f2.toFixed(3),
  ];
  const rows = [header, ...scores.perType.map(row), row(scores.overall)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.slice(1, -1).map(line), rule, line(rows.at(-1) ?? [])].join("\n");
}
