// One retention run for one tenant: a dry run lists what is due and changes nothing; a real run
// takes the tenant's lease (retention_runs), disposes of each due document in its own transaction
// (dispose.ts), deletes the objects, and records what it did. Two runs at once — two workers, or
// the schedule and a manual run — cannot both dispose: the second finds the lease held and skips
// the tenant, and even without the lease each document's row lock and re-check let only one of
// them dispose of it.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { AuditOptions } from "../audit/index.ts";
import type { TenantTx } from "../db/index.ts";
import { retentionRuns } from "../db/schema/index.ts";
import type { StorageDriver } from "../storage/index.ts";
import { type DisposalCertificate, destroyObjects, disposeInTx } from "./dispose.ts";
import { type DueDocument, dueDocuments } from "./due.ts";

export interface RetentionDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  driver: Pick<StorageDriver, "delete">;
  /** HMAC key of the audit chain, if one is configured (runtime/audit). */
  auditKey?: NonNullable<AuditOptions["key"]>;
  clock?: () => Date;
  logger?: Pick<Logger, "info" | "warn" | "error">;
  /** Told after a run disposed of documents (notifications); a failure here undoes nothing. */
  onDisposed?(tenantId: string, certificates: readonly DisposalCertificate[]): Promise<void>;
}

export interface RunOptions {
  dryRun: boolean;
  /** Documents per run at most; the rest wait for the next run. @default 500 */
  limit?: number;
  /** How long a run may hold the tenant's lease without renewing it. @default 600 */
  leaseSeconds?: number;
}

export interface RetentionReport {
  tenant_id: string;
  run_id: string;
  dry_run: boolean;
  /** Set when the run did nothing because another run holds the tenant's lease. */
  skipped?: string;
  /** Dry run: what a run would dispose of now. */
  due: DueDocument[];
  disposed: DisposalCertificate[];
  failed: { document_id: string; error: string }[];
  /** Objects whose deletion failed after their rows were disposed of (the orphan sweeper retries). */
  storage_failures: { key: string; error: string }[];
}

export async function runTenantRetention(
  deps: RetentionDeps,
  tenantId: string,
  opts: RunOptions,
): Promise<RetentionReport> {
  const { limit = 500, leaseSeconds = 600 } = opts;
  const now = (deps.clock ?? (() => new Date()))();
  const runId = randomUUID();
  const report: RetentionReport = {
    tenant_id: tenantId,
    run_id: runId,
    dry_run: opts.dryRun,
    due: [],
    disposed: [],
    failed: [],
    storage_failures: [],
  };
  if (opts.dryRun) {
    report.due = await deps.databases.withTenant(tenantId, (tx) => dueDocuments(tx, { now, limit }));
    return report;
  }
  const holder = await claimLease(deps, tenantId, runId, leaseSeconds);
  if (holder) return { ...report, skipped: `another run holds the tenant's lease until ${holder}` };
  try {
    const due = await deps.databases.withTenant(tenantId, (tx) => dueDocuments(tx, { now, limit }));
    for (const doc of due) {
      try {
        const result = await deps.databases.withTenant(tenantId, (tx) =>
          disposeInTx(tx, {
            tenantId,
            documentId: doc.document_id,
            now,
            runId,
            ...(deps.auditKey ? { auditKey: deps.auditKey } : {}),
          }),
        );
        if (!result.disposed) continue;
        report.disposed.push(result.certificate);
        report.storage_failures.push(...(await destroyObjects(deps.driver, result.keys)));
      } catch (err) {
        report.failed.push({
          document_id: doc.document_id,
          error: err instanceof Error ? err.message : String(err),
        });
      }
      await renewLease(deps, tenantId, runId, leaseSeconds);
    }
  } finally {
    await releaseLease(deps, tenantId, runId, report).catch((err: Error) =>
      deps.logger?.error({ err, tenant: tenantId }, "retention lease not released; it expires on its own"),
    );
  }
  if (report.disposed.length > 0) {
    deps.logger?.info(
      { tenant: tenantId, run: runId, disposed: report.disposed.length },
      "retention disposed",
    );
    await deps
      .onDisposed?.(tenantId, report.disposed)
      .catch((err: Error) => deps.logger?.warn({ err, tenant: tenantId }, "disposal notification failed"));
  }
  for (const f of report.storage_failures) {
    deps.logger?.warn(
      { tenant: tenantId, key: f.key, err: f.error },
      "disposed object not deleted; the sweeper will",
    );
  }
  return report;
}

/** Takes the lease, or returns until when another run holds it. */
async function claimLease(
  deps: RetentionDeps,
  tenantId: string,
  runId: string,
  leaseSeconds: number,
): Promise<string | undefined> {
  return deps.databases.withTenant(tenantId, async (tx) => {
    const until = sql`now() + make_interval(secs => ${leaseSeconds})`;
    const claimed = await tx
      .insert(retentionRuns)
      .values({ tenantId, runId, leasedUntil: until, startedAt: sql`now()` })
      .onConflictDoUpdate({
        target: retentionRuns.tenantId,
        set: {
          runId,
          leasedUntil: until,
          startedAt: sql`now()`,
          finishedAt: null,
          disposed: 0,
          failed: 0,
          error: null,
        },
        // Concurrent claims serialize on the row; the loser re-reads it and finds it leased.
        setWhere: sql`${retentionRuns.leasedUntil} < now()`,
      })
      .returning({ runId: retentionRuns.runId });
    if (claimed.length > 0) return undefined;
    const [held] = await tx
      .select({ until: retentionRuns.leasedUntil })
      .from(retentionRuns)
      .where(eq(retentionRuns.tenantId, tenantId));
    return held?.until.toISOString() ?? "now";
  });
}

async function renewLease(deps: RetentionDeps, tenantId: string, runId: string, leaseSeconds: number) {
  await deps.databases.withTenant(tenantId, (tx) =>
    tx
      .update(retentionRuns)
      .set({ leasedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
      .where(sql`${retentionRuns.tenantId} = ${tenantId} and ${retentionRuns.runId} = ${runId}`),
  );
}

async function releaseLease(deps: RetentionDeps, tenantId: string, runId: string, report: RetentionReport) {
  await deps.databases.withTenant(tenantId, (tx) =>
    tx
      .update(retentionRuns)
      .set({
        leasedUntil: sql`now()`,
        finishedAt: sql`now()`,
        disposed: report.disposed.length,
        failed: report.failed.length,
        error: report.failed[0]?.error.slice(0, 500) ?? null,
      })
      .where(sql`${retentionRuns.tenantId} = ${tenantId} and ${retentionRuns.runId} = ${runId}`),
  );
}
