// Tables for the terminal: per-label scores and the confusion matrix, as evaluate.ts and
// train-default.ts print them.
import type { Scores } from "../../runtime/ai/classify/index.ts";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatScores(scores: Scores): string {
  const width = Math.max(5, ...scores.labels.map((l) => l.label.length));
  const lines = [
    `${"label".padEnd(width)}  support  precision  recall     f1`,
    ...scores.labels.map(
      (l) =>
        `${l.label.padEnd(width)}  ${String(l.support).padStart(7)}  ${pct(l.precision).padStart(9)}  ${pct(l.recall).padStart(6)}  ${pct(l.f1).padStart(6)}`,
    ),
  ];
  return lines.join("\n");
}

export function formatConfusion(scores: Scores): string {
  const rows = Object.keys(scores.confusion);
  const columns = Object.keys(scores.confusion[rows[0] ?? ""] ?? {});
  // Column headers are abbreviated to keep ten labels within a terminal's width.
  const short = (l: string) => l.slice(0, 6);
  const width = Math.max(18, ...rows.map((r) => r.length));
  const header = `${"actual \\ predicted".padEnd(width)} ${columns.map((c) => short(c).padStart(6)).join(" ")}`;
  const body = rows.map(
    (r) =>
      `${r.padEnd(width)} ${columns.map((c) => String(scores.confusion[r]?.[c] ?? 0).padStart(6)).join(" ")}`,
  );
  return [header, ...body].join("\n");
}
