// Queue depth and the age of the oldest waiting job, read from Redis at each scrape (not on a
// timer): a scrape costs two small commands per queue, and nothing runs between scrapes. Both
// processes report them, so an API whose workers are all down still shows its queues growing
// (alert on max by queue).
import { Gauge } from "prom-client";
import type { RuntimeMetrics } from "./registry.ts";

/** What is read of a BullMQ Queue. */
export interface ObservedQueue {
  readonly name: string;
  getJobCounts(...types: JobState[]): Promise<Record<string, number>>;
  getWaiting(start?: number, end?: number): Promise<({ timestamp: number } | undefined)[]>;
}

export const JOB_STATES = ["waiting", "active", "delayed", "prioritized", "failed"] as const;
type JobState = (typeof JOB_STATES)[number];

interface Sample {
  counts: Record<string, number>;
  oldestSeconds: number;
}

export function observeQueues(
  metrics: RuntimeMetrics,
  queues: ObservedQueue[],
  now: () => number = Date.now,
): void {
  // The registry collects every metric at once: both gauges share one read of Redis per scrape.
  let inflight: Promise<Map<string, Sample | undefined>> | undefined;
  const read = async () => {
    const entries = await Promise.all(
      queues.map(async (q): Promise<[string, Sample | undefined]> => {
        try {
          const [counts, oldest] = await Promise.all([q.getJobCounts(...JOB_STATES), q.getWaiting(0, 0)]);
          const first = oldest[0];
          return [
            q.name,
            { counts, oldestSeconds: first ? Math.max(0, (now() - first.timestamp) / 1000) : 0 },
          ];
        } catch {
          // Redis unreachable: this queue's series are left out, the rest of the scrape still works.
          return [q.name, undefined];
        }
      }),
    );
    return new Map(entries);
  };
  const sample = () => {
    inflight ??= read().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };
  new Gauge({
    name: "wspec_queue_jobs",
    help: "Jobs in each BullMQ queue by state.",
    labelNames: ["queue", "state"],
    registers: [metrics.registry],
    async collect() {
      const samples = await sample();
      this.reset();
      for (const [queue, s] of samples) {
        if (s) for (const state of JOB_STATES) this.set({ queue, state }, s.counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: "wspec_queue_oldest_waiting_seconds",
    help: "Age of the oldest job waiting in each BullMQ queue (0 when none waits).",
    labelNames: ["queue"],
    registers: [metrics.registry],
    async collect() {
      const samples = await sample();
      this.reset();
      for (const [queue, s] of samples) if (s) this.set({ queue }, s.oldestSeconds);
    },
  });
}
