// What an infected file leaves behind: an entry in the tenant's audit chain and a
// `document.quarantined` webhook. At upload nothing was stored (document_id is null); found by a
// later scan, the document is quarantined and its bytes deleted (see rescan.ts).
import type { AuditEntry, AuditOptions } from "../audit/index.ts";
import { appendAudit } from "../audit/index.ts";
import type { TenantTx } from "../db/index.ts";
import { type DispatchDeps, fanOut } from "../webhooks/index.ts";

export interface QuarantineDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  webhooks: DispatchDeps;
  /** The audit chain's HMAC key(s) (runtime/audit), if configured. */
  auditKey?: AuditOptions["key"];
  /** Told once the quarantine is recorded and announced (notifications); must not throw. */
  onQuarantined?(event: QuarantineEvent): Promise<void>;
}

/** What a quarantine tells listeners besides the audit chain and webhooks. */
export interface QuarantineEvent {
  tenantId: string;
  /** Null when the upload was refused before anything was stored. */
  documentId: string | null;
  name: string;
  signature: string;
  /** The uploading user, when known. */
  userId: string | null;
  /** Stable per quarantine, so a repeated call notifies once. */
  eventKey: string;
}

export interface RefusedUpload {
  tenantId: string;
  /** Who uploaded, from the request (entryFromContext). */
  actor: Pick<AuditEntry, "actorType" | "actorId" | "ip" | "userAgent" | "requestId">;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
  signature: string;
  /** A new document, or a new version of this document. */
  documentId?: string;
}

/** Audits and announces an upload refused as infected; nothing of it was stored. */
export async function recordRefusedUpload(deps: QuarantineDeps, upload: RefusedUpload): Promise<void> {
  const data = {
    document_id: upload.documentId ?? null,
    name: upload.name,
    content_type: upload.contentType,
    checksum_sha256: upload.sha256,
    size_bytes: upload.size,
    signature: upload.signature,
    found: "upload",
    stored: false,
  };
  await deps.databases.withTenant(upload.tenantId, (tx) =>
    appendAudit(
      tx,
      upload.tenantId,
      {
        ...upload.actor,
        action: "document.quarantined",
        resourceType: "document",
        resourceId: upload.documentId ?? null,
        metadata: data,
      },
      deps.auditKey ? { key: deps.auditKey } : {},
    ),
  );
  // One event per refused request: the request id (or the bytes) tells repeats apart.
  const ref = (upload.actor.requestId ?? upload.sha256).replace(/[^A-Za-z0-9_.-]/g, "").slice(0, 80);
  await fanOut(deps.webhooks, {
    id: `evt_document_quarantined_upload_${ref}`,
    type: "document.quarantined",
    tenantId: upload.tenantId,
    data,
  });
  await deps.onQuarantined?.({
    tenantId: upload.tenantId,
    documentId: upload.documentId ?? null,
    name: upload.name,
    signature: upload.signature,
    userId: upload.actor.actorType === "user" ? (upload.actor.actorId ?? null) : null,
    eventKey: `upload:${ref}`,
  });
}
