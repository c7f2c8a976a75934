// The orphan sweeper: every interval, for each registered tenant, deletes objects under the
// tenant's prefix that no document or version row references and that are older than the grace
// period (an upload between its put and its commit is younger than that). Uploads delete their
// own object when their transaction fails; this catches crashes in between.
import { eq, inArray } from "drizzle-orm";
import type { Logger } from "pino";
import { startPeriodicPass } from "../../lib/periodic-pass/index.ts";
import type { TenantTx } from "../db/index.ts";
import { documents, documentVersions } from "../db/schema/index.ts";
import { parseObjectKey, type StorageDriver, type SweepReport, sweepOrphans } from "../storage/index.ts";

export interface DocumentSweeperOptions {
  driver: StorageDriver;
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** The tenants whose prefixes to sweep (the registry's ids, read on every run). */
  tenants: () => readonly string[];
  /** Seconds between runs. */
  intervalSeconds: number;
  /** Objects younger than this are never deleted. */
  graceSeconds: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
  clock?: () => Date;
}

/** The keys of `keys` some row of the tenant still points at (current or any version). */
async function referencedKeys(tx: TenantTx, keys: readonly string[]): Promise<Set<string>> {
  const list = [...keys];
  const [versions, current] = await Promise.all([
    tx
      .select({ key: documentVersions.storageKey })
      .from(documentVersions)
      .where(inArray(documentVersions.storageKey, list)),
    tx.select({ key: documents.storageKey }).from(documents).where(inArray(documents.storageKey, list)),
  ]);
  return new Set([...versions, ...current].map((r) => r.key));
}

export function referencedIn(
  databases: DocumentSweeperOptions["databases"],
  tenantId: string,
): (keys: readonly string[]) => Promise<ReadonlySet<string>> {
  return (keys) => databases.withTenant(tenantId, (tx) => referencedKeys(tx, keys));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Deletes one candidate orphan if it is still unreferenced, holding its document's row lock. A new
 * version is put under `v{n+1}` while its upload holds that lock until commit, and that key may
 * be the one a crashed upload left behind; with the lock, the sweeper either runs before that
 * put (and deletes the leftover) or after the commit (and sees the reference), never in between.
 */
async function deleteIfOrphan(
  opts: Pick<DocumentSweeperOptions, "driver" | "databases">,
  tenantId: string,
  key: string,
): Promise<boolean> {
  const documentId = parseObjectKey(key)?.document;
  return opts.databases.withTenant(tenantId, async (tx) => {
    if (documentId && UUID.test(documentId)) {
      await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)).for("share");
    }
    if ((await referencedKeys(tx, [key])).has(key)) return false;
    await opts.driver.delete(key);
    return true;
  });
}

/** One tenant: candidates from sweepOrphans (old enough, unreferenced), each confirmed under lock. */
export async function sweepTenant(
  opts: Omit<DocumentSweeperOptions, "tenants" | "intervalSeconds">,
  tenantId: string,
): Promise<SweepReport> {
  const candidates = await sweepOrphans({
    driver: opts.driver,
    prefix: `${tenantId}/`,
    referenced: referencedIn(opts.databases, tenantId),
    graceSeconds: opts.graceSeconds,
    now: (opts.clock ?? (() => new Date()))(),
    dryRun: true,
  });
  const deleted: string[] = [];
  for (const key of candidates.deleted) {
    if (await deleteIfOrphan(opts, tenantId, key)) deleted.push(key);
  }
  return {
    ...candidates,
    referenced: candidates.referenced + candidates.deleted.length - deleted.length,
    deleted,
  };
}

export interface DocumentSweeper {
  /** One pass over every tenant now (also what the timer runs). */
  runOnce(): Promise<Map<string, SweepReport>>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startDocumentSweeper(opts: DocumentSweeperOptions): DocumentSweeper {
  return startPeriodicPass(async (signal) => {
    const reports = new Map<string, SweepReport>();
    for (const tenantId of opts.tenants()) {
      if (signal.aborted) break;
      try {
        const report = await sweepTenant(opts, tenantId);
        reports.set(tenantId, report);
        if (report.deleted.length > 0) {
          opts.logger?.info({ tenant: tenantId, deleted: report.deleted.length }, "orphaned objects swept");
        }
      } catch (err) {
        opts.logger?.error({ err, tenant: tenantId }, "orphan sweep failed; retrying next interval");
      }
    }
    return reports;
  }, opts.intervalSeconds * 1000);
}
