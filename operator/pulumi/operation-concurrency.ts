// How many Pulumi operations the operator runs at once. An operation is CPU-bound on the
// operator's own machine (the CLI, the language host, the dynamic-provider and Kubernetes plugins,
// the policy pack), with waits on the API server and the databases in between: a few more
// operations than cores keep the CPUs busy through those waits, many more only make every
// operation slower. So the number follows the cores, and the CPU pressure the kernel measures
// (Linux PSI: the share of recent time in which some runnable task waited for a CPU), which
// also sees whatever else runs on the machine. A fixed WSPEC_MAX_CONCURRENT_OPERATIONS still
// pins it, for a machine shared on purpose.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Semaphore } from "../../lib/semaphore/index.ts";

export interface ConcurrencyBounds {
  readonly min: number;
  readonly max: number;
}

/** Fewer operations above this CPU pressure (0..1): the machine is saturated, work only queues. */
export const SATURATED = 0.95;
/** More operations below it, while operations wait: there is CPU to spare. */
export const SPARE = 0.8;

/**
 * From the cores: two operations per core at most (one alone keeps about two thirds of a core
 * busy, waiting on the API server and the databases the rest of the time), one per core at
 * least, so CPU pressure from other work on the machine slows the operator down but never
 * starves it. It starts at the top: a batch of new tenants is when the throughput matters.
 */
export function boundsFor(cores = availableParallelism()): ConcurrencyBounds & { initial: number } {
  const c = Math.max(1, cores);
  return { min: c, max: 2 * c, initial: 2 * c };
}

/**
 * The share (0..1) of the last 10 s in which some runnable task waited for a CPU, from
 * /proc/pressure/cpu; undefined where the kernel does not report it (then nothing adapts).
 */
export function readCpuPressure(
  read: () => string = () => readFileSync("/proc/pressure/cpu", "utf8"),
): number | undefined {
  let text: string;
  try {
    text = read();
  } catch {
    return undefined;
  }
  const m = /^some avg10=(\d+(?:\.\d+)?)/m.exec(text);
  if (!m?.[1]) return undefined;
  const pct = Number(m[1]);
  return Number.isFinite(pct) && pct >= 0 && pct <= 100 ? pct / 100 : undefined;
}

/** One step: down when saturated, up when CPU is spare and operations wait, else unchanged. */
export function nextConcurrency(
  current: number,
  bounds: ConcurrencyBounds,
  pressure: number | undefined,
  waiting: number,
): number {
  if (pressure === undefined) return current;
  if (pressure > SATURATED) return Math.max(bounds.min, current - 1);
  if (pressure < SPARE && waiting > 0) return Math.min(bounds.max, current + 1);
  return current;
}

export interface AdaptOptions extends ConcurrencyBounds {
  /** How often to look. @default 5000 (PSI's avg10 moves on that scale) */
  readonly intervalMs?: number;
  readonly readPressure?: () => number | undefined;
  /** Told each change (a gauge, a log line). */
  readonly onChange?: (concurrency: number, pressure: number | undefined) => void;
}

/** Resizes `limit` every interval from the CPU pressure; returns a stop function. */
export function adaptConcurrency(limit: Semaphore, opts: AdaptOptions): () => void {
  const { intervalMs = 5_000, readPressure = readCpuPressure, onChange } = opts;
  const timer = setInterval(() => {
    const pressure = readPressure();
    const next = nextConcurrency(limit.capacity, opts, pressure, limit.waiting);
    if (next === limit.capacity) return;
    limit.resize(next);
    onChange?.(next, pressure);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
