// Which runtime events notify whom: a failed compliance check tells the document's uploader and the
// tenant's compliance officers; a share tells the user it was shared with; a retention run that
// disposed of documents tells the tenant's admins. Each event key is stable, so a retried pipeline
// step or hook notifies once.
import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { TenantTx } from "../db/index.ts";
import { documents } from "../db/schema/index.ts";
import type { DocumentEvent, DocumentHooks } from "../documents/events.ts";
import type { PipelineEvent } from "../pipeline/handlers/index.ts";
import type { Notifier } from "./notifier.ts";

type Databases = { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };

async function documentOf(databases: Databases, tenantId: string, id: string) {
  const [doc] = await databases.withTenant(tenantId, (tx) =>
    tx
      .select({ name: documents.name, createdBy: documents.createdBy })
      .from(documents)
      .where(eq(documents.id, id)),
  );
  return doc;
}

/** After the pipeline's compliance results are announced: failures notify. */
export function complianceFailures(notifier: Notifier, databases: Databases) {
  return async (event: PipelineEvent): Promise<void> => {
    if (event.type !== "compliance.check_completed") return;
    const checks = Array.isArray(event.data.checks)
      ? (event.data.checks as { framework?: unknown; status?: unknown }[])
      : [];
    const failed = checks.filter((c) => c.status === "failed").map((c) => String(c.framework));
    if (failed.length === 0) return;
    const documentId = String(event.data.document_id);
    const version = Number(event.data.version);
    const doc = await documentOf(databases, event.tenantId, documentId);
    if (!doc) return;
    await notifier.notify({
      tenantId: event.tenantId,
      type: "compliance.failed",
      eventKey: `${documentId}:v${version}`,
      recipients: { userIds: doc.createdBy ? [doc.createdBy] : [], roles: ["compliance-officer"] },
      data: { document_id: documentId, document_name: doc.name, version, frameworks: failed },
    });
  };
}

/** A document shared with a user tells that user. */
export function shareNotifications(notifier: Notifier, databases: Databases) {
  return async (event: DocumentEvent): Promise<void> => {
    if (event.type !== "document.shared" || typeof event.data.user_id !== "string") return;
    const doc = await documentOf(databases, event.tenantId, event.documentId);
    await notifier.notify({
      tenantId: event.tenantId,
      type: "document.shared",
      eventKey: String(event.data.share_id ?? event.changeId),
      recipients: { userIds: [event.data.user_id] },
      data: {
        document_id: event.documentId,
        document_name: doc?.name ?? event.documentId,
        permission: event.data.permission,
        expires_at: event.data.expires_at ?? null,
      },
    });
  };
}

/** A retention run that destroyed documents tells the tenant's admins (RetentionDeps.onDisposed). */
export function disposalNotifications(notifier: Notifier) {
  return async (
    tenantId: string,
    certificates: readonly { run_id: string; document: { name: string } }[],
  ): Promise<void> => {
    const first = certificates[0];
    if (!first) return;
    await notifier.notify({
      tenantId,
      type: "retention.disposed",
      eventKey: first.run_id,
      recipients: { roles: ["tenant-admin"] },
      data: {
        run_id: first.run_id,
        count: certificates.length,
        documents: certificates.map((c) => c.document.name),
      },
    });
  };
}

/** The documents module's hooks with one more listener on committed changes (shares notify). */
export function notifyingHooks(
  hooks: DocumentHooks,
  listen: (event: DocumentEvent) => Promise<void>,
  logger: Pick<Logger, "warn">,
): DocumentHooks {
  return {
    ...hooks,
    async onEvent(event) {
      await hooks.onEvent?.(event);
      await listen(event).catch((err: Error) =>
        logger.warn({ err, event: event.type, document: event.documentId }, "notification not created"),
      );
    },
  };
}

/**
 * A quarantined upload (runtime/scan) tells its uploader and the tenant's compliance officers. It
 * never throws: a quarantine is recorded whether or not anyone could be told.
 */
export function quarantineNotifications(notifier: Notifier, logger: Pick<Logger, "warn">) {
  return async (event: {
    tenantId: string;
    documentId: string | null;
    name: string;
    signature: string;
    userId: string | null;
    eventKey: string;
  }): Promise<void> => {
    await notifier
      .notify({
        tenantId: event.tenantId,
        type: "document.quarantined",
        eventKey: event.eventKey,
        recipients: { userIds: event.userId ? [event.userId] : [], roles: ["compliance-officer"] },
        data: {
          document_id: event.documentId,
          document_name: event.name,
          signature: event.signature,
        },
      })
      .catch((err: Error) =>
        logger.warn({ err, tenant: event.tenantId }, "quarantine notification not created"),
      );
  };
}
