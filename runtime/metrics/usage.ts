// Per-tenant usage for billing, kept in the tenant's database (usage_counters, one row per tenant,
// UTC day and metric) rather than as metric labels. Counted in memory and written in batches (one
// upsert per tenant and metric every interval, and at shutdown), so a request costs a map update,
// not a database write. A batch that cannot be written is kept for the next flush.
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import { type TenantTx, UnknownTenantError } from "../db/index.ts";

/** What is counted: the table's CHECK constraint holds the same list. */
export const USAGE_METRICS = ["api_requests", "documents_processed"] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

export interface UsageDatabases {
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
}

export interface UsageCounters {
  count(tenantId: string, metric: UsageMetric, n?: number): void;
  /** Writes what was counted so far. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  stop(): Promise<void>;
}

export function startUsageCounters(opts: {
  databases: UsageDatabases;
  intervalMs: number;
  logger?: Logger;
  now?: () => Date;
}): UsageCounters {
  const { databases, intervalMs, logger, now = () => new Date() } = opts;
  // tenant → "day metric" → count
  let pending = new Map<string, Map<string, number>>();
  const add = (into: Map<string, Map<string, number>>, tenantId: string, key: string, n: number) => {
    let rows = into.get(tenantId);
    if (!rows) {
      rows = new Map();
      into.set(tenantId, rows);
    }
    rows.set(key, (rows.get(key) ?? 0) + n);
  };
  let flushing: Promise<void> | undefined;
  const write = async () => {
    const batch = pending;
    pending = new Map();
    await Promise.all(
      [...batch].map(async ([tenantId, rows]) => {
        try {
          await databases.withTenant(tenantId, async (tx) => {
            for (const [key, n] of rows) {
              const [day, metric] = key.split(" ");
              await tx.execute(sql`
                insert into usage_counters (tenant_id, day, metric, count)
                values (${tenantId}, ${day}, ${metric}, ${n})
                on conflict (tenant_id, day, metric)
                do update set count = usage_counters.count + excluded.count, updated_at = now()`);
            }
          });
        } catch (err) {
          // A tenant that is gone has nobody to bill; anything else is retried with the next batch.
          if (err instanceof UnknownTenantError) return;
          logger?.warn({ err, tenantId }, "usage counters not written; kept for the next flush");
          for (const [key, n] of rows) add(pending, tenantId, key, n);
        }
      }),
    );
  };
  const flush = () => {
    flushing ??= write().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  return {
    count(tenantId, metric, n = 1) {
      add(pending, tenantId, `${now().toISOString().slice(0, 10)} ${metric}`, n);
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flushing;
      await flush();
    },
  };
}
