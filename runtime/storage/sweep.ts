// Orphan sweeping. Uploads write the object first and the database row second, so a crash between
// the two leaves an object no row points to (never the reverse). The sweeper lists objects under a
// prefix and deletes those the database does not reference, but only once they are older than a
// grace period, so an upload still between its two steps is never touched.
import { parseObjectKey } from "./object-key.ts";
import type { StorageDriver } from "./storage.ts";

export interface SweepOptions {
  driver: StorageDriver;
  /** e.g. `${tenant}/` to sweep one tenant; "" for the whole bucket. */
  prefix: string;
  /**
   * Which of these keys some row still references (the DB layer answers in one query).
   * Called with batches of at most `batchSize` keys.
   */
  referenced(keys: readonly string[]): Promise<ReadonlySet<string>>;
  /** Objects modified after `now - graceSeconds` are left alone. Default 3600. */
  graceSeconds?: number;
  /** Report without deleting. Default false. */
  dryRun?: boolean;
  /** Default 500. */
  batchSize?: number;
  now?: Date;
}

export interface SweepReport {
  scanned: number;
  /** Keys outside the `{tenant}/{category}/{yyyy}/{mm}/{document}/{version}` layout: never deleted. */
  foreign: number;
  tooRecent: number;
  referenced: number;
  deleted: string[];
}

export async function sweepOrphans(options: SweepOptions): Promise<SweepReport> {
  const { driver, prefix, graceSeconds = 3600, dryRun = false, batchSize = 500, now = new Date() } = options;
  const cutoff = now.getTime() - graceSeconds * 1000;
  const report: SweepReport = { scanned: 0, foreign: 0, tooRecent: 0, referenced: 0, deleted: [] };
  let batch: string[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const keep = await options.referenced(batch);
    for (const key of batch) {
      if (keep.has(key)) {
        report.referenced++;
        continue;
      }
      if (!dryRun) await driver.delete(key);
      report.deleted.push(key);
    }
    batch = [];
  };

  for await (const object of driver.list(prefix)) {
    report.scanned++;
    if (!parseObjectKey(object.key)) {
      report.foreign++;
      continue;
    }
    if (object.lastModified.getTime() > cutoff) {
      report.tooRecent++;
      continue;
    }
    batch.push(object.key);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return report;
}
