// The worker's retry of scans that could not run at upload: documents held in pending_scan (fail
// closed) and documents accepted unscanned (fail open). A pass per tenant reads them from the
// database, oldest first, so nothing depends on a queue that was down with the scanner; it stops
// at the first sign that the scanner is still unavailable. Several workers may run passes at
// once: each verdict is written only while the document still holds the scanned bytes and still
// waits, so a second scan of the same document changes nothing.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { startPeriodicPass } from "../../lib/periodic-pass/index.ts";
import { type AuditOptions, appendAudit } from "../audit/index.ts";
import type { TenantTx } from "../db/index.ts";
import { type Document, documents } from "../db/schema/index.ts";
import { isObjectNotFound, type StorageDriver } from "../storage/index.ts";
import { type DispatchDeps, fanOut } from "../webhooks/index.ts";
import { type ClamdClient, ScannerUnavailableError, StreamTooLargeError } from "./clamd-client.ts";
import type { QuarantineDeps } from "./quarantine.ts";

export interface RescanDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  storage: Pick<StorageDriver, "get" | "delete">;
  client: Pick<ClamdClient, "scan">;
  webhooks: DispatchDeps;
  /** Starts processing of a version found clean (the outbox relay would, later). */
  enqueue?(ref: { tenantId: string; documentId: string; version: number }): Promise<void>;
  /** The audit chain's HMAC key(s) (runtime/audit), if configured. */
  auditKey?: AuditOptions["key"];
  /** Told once a stored document is quarantined (notifications); must not throw. */
  onQuarantined?: QuarantineDeps["onQuarantined"];
  logger: Logger;
  /** Documents looked at per tenant and pass. @default 50 */
  batch?: number;
}

export interface RescanReport {
  clean: number;
  infected: number;
  failed: number;
  /** Set when the pass stopped because the scanner is still unavailable. */
  unavailable?: string;
}

const WAITING = ["pending", "unscanned"] as const;

export async function rescanTenant(deps: RescanDeps, tenantId: string): Promise<RescanReport> {
  const report: RescanReport = { clean: 0, infected: 0, failed: 0 };
  const due = await deps.databases.withTenant(tenantId, (tx) =>
    tx
      .select()
      .from(documents)
      .where(and(inArray(documents.virusScan, [...WAITING]), isNull(documents.deletedAt)))
      .orderBy(asc(documents.createdAt), asc(documents.id))
      .limit(deps.batch ?? 50),
  );
  for (const doc of due) {
    const log = deps.logger.child({ tenant: tenantId, document: doc.id, version: doc.currentVersion });
    let outcome: Outcome;
    try {
      outcome = await scanStored(deps, doc);
    } catch (err) {
      if (err instanceof ScannerUnavailableError) {
        report.unavailable = err.message;
        return report;
      }
      // The object store failing is not a verdict: the next pass tries again.
      log.warn({ err }, "rescan of a stored document failed; retried on the next pass");
      continue;
    }
    const written = await record(deps, tenantId, doc, outcome);
    if (!written) continue;
    report[outcome.kind === "clean" ? "clean" : outcome.kind === "infected" ? "infected" : "failed"]++;
    log.info({ outcome }, "document rescanned");
    if (outcome.kind === "infected") await quarantineStored(deps, tenantId, doc, outcome.signature, log);
    if (outcome.kind === "clean" && doc.status === "pending_scan") {
      await deps
        .enqueue?.({ tenantId, documentId: doc.id, version: doc.currentVersion })
        .catch((e: Error) =>
          log.warn({ err: e.message }, "pipeline not reached; the outbox relay will enqueue it"),
        );
    }
  }
  return report;
}

type Outcome =
  | { kind: "clean" }
  | { kind: "infected"; signature: string }
  | { kind: "failed"; reason: string };

async function scanStored(deps: RescanDeps, doc: Document): Promise<Outcome> {
  let body: AsyncIterable<Uint8Array>;
  try {
    body = (await deps.storage.get(doc.storageKey)).body;
  } catch (err) {
    if (isObjectNotFound(err)) return { kind: "failed", reason: `object ${doc.storageKey} is missing` };
    throw err;
  }
  try {
    const verdict = await deps.client.scan(body);
    return verdict.status === "clean"
      ? { kind: "clean" }
      : { kind: "infected", signature: verdict.signature };
  } catch (err) {
    if (err instanceof StreamTooLargeError) return { kind: "failed", reason: err.message };
    throw err;
  }
}

/** Writes the verdict if the document still waits with the scanned bytes; false if it moved on. */
async function record(deps: RescanDeps, tenantId: string, doc: Document, outcome: Outcome): Promise<boolean> {
  const state = outcome.kind === "clean" ? "clean" : outcome.kind === "infected" ? "infected" : "failed";
  return deps.databases.withTenant(tenantId, async (tx) => {
    const [after] = await tx
      .update(documents)
      .set({
        virusScan: state,
        scannedAt: sql`now()`,
        virusSignature: outcome.kind === "infected" ? outcome.signature : null,
        // Held documents become servable once clean; an infected one is quarantined either way.
        status:
          outcome.kind === "infected"
            ? "quarantined"
            : outcome.kind === "clean"
              ? sql`case when ${documents.status} = 'pending_scan' then 'uploaded' else ${documents.status} end`
              : documents.status,
      })
      .where(
        and(
          eq(documents.id, doc.id),
          eq(documents.checksumSha256, doc.checksumSha256),
          inArray(documents.virusScan, [...WAITING]),
          isNull(documents.deletedAt),
        ),
      )
      .returning({ id: documents.id });
    if (!after) return false;
    await appendAudit(
      tx,
      tenantId,
      {
        actorType: "system",
        action: outcome.kind === "infected" ? "document.quarantined" : `document.scan.${state}`,
        resourceType: "document",
        resourceId: doc.id,
        metadata: {
          version: doc.currentVersion,
          checksum_sha256: doc.checksumSha256,
          was: doc.virusScan,
          ...(outcome.kind === "infected" ? { signature: outcome.signature, found: "rescan" } : {}),
          ...(outcome.kind === "failed" ? { reason: outcome.reason } : {}),
        },
      },
      deps.auditKey ? { key: deps.auditKey } : {},
    );
    return true;
  });
}

/** The quarantined document's bytes leave the bucket; its row stays, refusing every download. */
async function quarantineStored(
  deps: RescanDeps,
  tenantId: string,
  doc: Document,
  signature: string,
  log: Logger,
): Promise<void> {
  await deps.storage.delete(doc.storageKey).catch((e: Error) => {
    log.error({ err: e.message, key: doc.storageKey }, "infected object not deleted; downloads stay refused");
  });
  await fanOut(deps.webhooks, {
    id: `evt_document_quarantined_${doc.id}_v${doc.currentVersion}`,
    type: "document.quarantined",
    tenantId,
    data: {
      document_id: doc.id,
      version: doc.currentVersion,
      name: doc.name,
      content_type: doc.contentType,
      checksum_sha256: doc.checksumSha256,
      size_bytes: doc.sizeBytes,
      signature,
      found: "rescan",
      stored: false,
    },
  }).catch((e: Error) => log.error({ err: e.message }, "document.quarantined not announced"));
  await deps.onQuarantined?.({
    tenantId,
    documentId: doc.id,
    name: doc.name,
    signature,
    userId: doc.createdBy,
    eventKey: `${doc.id}:v${doc.currentVersion}`,
  });
}

export interface Rescanner {
  /** One pass over every tenant now (also what the timer runs). */
  runOnce(): Promise<Map<string, RescanReport>>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startRescanner(deps: RescanDeps & { tenants(): string[]; intervalMs: number }): Rescanner {
  return startPeriodicPass(async () => {
    const reports = new Map<string, RescanReport>();
    for (const tenantId of deps.tenants()) {
      const report = await rescanTenant(deps, tenantId).catch((err: Error) => {
        deps.logger.error({ err, tenant: tenantId }, "rescan pass failed");
        return undefined;
      });
      if (report) reports.set(tenantId, report);
      // The scanner is down for every tenant alike: the next pass tries again.
      if (report?.unavailable) break;
    }
    return reports;
  }, deps.intervalMs);
}

/**
 * A new version was accepted unscanned (fail open): its document joins the ones the next pass
 * scans. Marked before the version commits, so a pass cannot settle the document in between on
 * the old bytes and miss the new ones (the checksum check in record() refuses that verdict).
 */
export async function markUnscanned(
  databases: RescanDeps["databases"],
  tenantId: string,
  documentId: string,
): Promise<void> {
  await databases.withTenant(tenantId, (tx) =>
    tx.update(documents).set({ virusScan: "unscanned" }).where(eq(documents.id, documentId)),
  );
}
