// Measures an in-process operation the way autocannon measures HTTP: `connections` concurrent
// loops for `seconds`, with latency percentiles; and prints comparisons as ratio tables.

export interface Measured {
  /** Completed operations per second. */
  rps: number;
  /** Latency percentiles, milliseconds. */
  p50: number;
  p99: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export async function measureLoop(
  seconds: number,
  concurrency: number,
  op: () => Promise<unknown>,
): Promise<Measured> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await op();
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** The first row is the baseline; every row shows its ratio to it. `unit` names what `rps` counts. */
export function table(title: string, rows: readonly [string, Measured][], unit = "req/s"): string {
  const base = rows[0]?.[1];
  if (!base) return title;
  const head = ["", unit, "× base", "p50 ms", "× base", "p99 ms", "× base"];
  const body = rows.map(([name, m]) => [
    name,
    fmt(m.rps, 0),
    fmt(m.rps / base.rps, 2),
    fmt(m.p50, 2),
    fmt(m.p50 / base.p50, 2),
    fmt(m.p99, 2),
    fmt(m.p99 / base.p99, 2),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [`\n${title}`, line(head), ...body.map(line)].join("\n");
}
