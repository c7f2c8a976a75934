// The relay of the processing outbox: every committed document version has a row in
// processing_outbox (written by a trigger in the version's own transaction, migration 0010). The
// upload enqueues its version at once; when Redis was down then, the row stays unsent and this
// relay enqueues it on a later pass, so no version stays `uploaded` forever. Enqueueing twice is
// harmless: pipeline job ids are deterministic, and BullMQ adds nothing for an id it still holds.
//
// Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of workers can run the relay: each
// row is handled by one of them at a time.
import { and, asc, eq, inArray, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { startPeriodicPass } from "../../lib/periodic-pass/index.ts";
import type { TenantTx } from "../db/index.ts";
import { documents, processingOutbox } from "../db/schema/index.ts";
import type { DocumentVersionRef } from "../pipeline/index.ts";

export interface ProcessingRelayOptions {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** The tenants to relay for (the registry's ids, read on every pass). */
  tenants: () => readonly string[];
  /** Starts processing of a version (Pipeline.enqueue). */
  enqueue: (ref: DocumentVersionRef) => Promise<void>;
  /** Milliseconds between passes. @default 5_000 */
  intervalMs?: number;
  /** Rows younger than this are left to the upload's own enqueue. @default 2_000 */
  graceMs?: number;
  /**
   * How long one enqueue may take before Redis counts as unreachable for this pass (the client
   * would otherwise wait for its reconnects). @default 5_000
   */
  enqueueTimeoutMs?: number;
  /** Rows per tenant and pass. @default 200 */
  batch?: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

export interface RelayReport {
  /** Versions enqueued (or found already queued) and marked sent. */
  sent: number;
  /** The error that ended the pass early (Redis unreachable), if any; the rest wait for the next pass. */
  error?: string;
}

/** Rejects after `ms` unless `p` settles first; `p` keeps running (a late enqueue is still welcome). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** One pass over one tenant's unsent rows, oldest first. */
export async function relayTenant(opts: ProcessingRelayOptions, tenantId: string): Promise<RelayReport> {
  const { graceMs = 2_000, enqueueTimeoutMs = 5_000, batch = 200 } = opts;
  return opts.databases.withTenant(tenantId, async (tx) => {
    const rows = await tx
      .select({ documentId: processingOutbox.documentId, version: processingOutbox.version })
      .from(processingOutbox)
      .innerJoin(documents, eq(documents.id, processingOutbox.documentId))
      .where(
        and(
          isNull(processingOutbox.sentAt),
          // Held for its virus scan, or quarantined: runtime/scan starts processing once it is clean.
          notInArray(documents.status, ["pending_scan", "quarantined"]),
          lt(processingOutbox.createdAt, sql`now() - make_interval(secs => ${graceMs / 1000})`),
        ),
      )
      .orderBy(asc(processingOutbox.createdAt))
      .limit(batch)
      .for("update", { of: processingOutbox, skipLocked: true });
    const sent: typeof rows = [];
    let error: string | undefined;
    for (const row of rows) {
      try {
        await within(opts.enqueue({ tenantId, ...row }), enqueueTimeoutMs, "enqueue");
        sent.push(row);
      } catch (err) {
        // Redis is down or refusing: the remaining rows would fail the same way.
        error = err instanceof Error ? err.message : String(err);
        const failed = rows.slice(sent.length);
        await tx
          .update(processingOutbox)
          .set({ attempts: sql`${processingOutbox.attempts} + 1`, lastError: error.slice(0, 500) })
          .where(inRows(failed));
        break;
      }
    }
    if (sent.length > 0) {
      await tx.update(processingOutbox).set({ sentAt: sql`now()` }).where(inRows(sent));
    }
    return error === undefined ? { sent: sent.length } : { sent: sent.length, error };
  });
}

function inRows(rows: readonly { documentId: string; version: number }[]) {
  // A handful of versions per document at most: group them by document.
  const byDoc = new Map<string, number[]>();
  for (const r of rows) byDoc.set(r.documentId, [...(byDoc.get(r.documentId) ?? []), r.version]);
  return sql.join(
    [...byDoc].map(
      ([documentId, versions]) =>
        sql`(${and(eq(processingOutbox.documentId, documentId), inArray(processingOutbox.version, versions))})`,
    ),
    sql` or `,
  );
}

export interface ProcessingRelay {
  /** One pass over every tenant now (also what the timer runs). */
  runOnce(): Promise<Map<string, RelayReport>>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startProcessingRelay(opts: ProcessingRelayOptions): ProcessingRelay {
  const { intervalMs = 5_000 } = opts;
  let unreachable = false;
  return startPeriodicPass(async (signal) => {
    const reports = new Map<string, RelayReport>();
    for (const tenantId of opts.tenants()) {
      if (signal.aborted) break;
      try {
        const report = await relayTenant(opts, tenantId);
        reports.set(tenantId, report);
        if (report.sent > 0) opts.logger?.info({ tenant: tenantId, sent: report.sent }, "outbox relayed");
        if (report.error !== undefined) {
          // Logged once per outage, not once per pass.
          if (!unreachable) opts.logger?.warn({ err: report.error }, "outbox relay cannot enqueue; retrying");
          unreachable = true;
          break;
        }
        unreachable = false;
      } catch (err) {
        opts.logger?.error({ err, tenant: tenantId }, "outbox relay failed; retrying next interval");
      }
    }
    return reports;
  }, intervalMs);
}
