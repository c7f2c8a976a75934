// What the documents module tells the rest of the runtime, and what it asks before storing.
// Both are optional so the module stands alone; runtime/main.ts connects them to the pipeline,
// webhooks and the tenant's PII policy.
import type { Context } from "hono";

export type DocumentEventType =
  | "document.created"
  | "document.updated"
  | "document.deleted"
  | "document.shared";

/** What the virus scan of an upload decided (runtime/scan): see ScreenResult. */
export type VirusScanOutcome = "clean" | "pending" | "unscanned";

export interface DocumentEvent {
  type: DocumentEventType;
  tenantId: string;
  documentId: string;
  /** Set when the change committed new bytes (an upload, a new version, a restore): they need processing. */
  version?: number;
  /** Unique per change, so a retried notification is recognised as the same one. */
  changeId: string;
  data: Record<string, unknown>;
}

export interface ScreenInput {
  tenantId: string;
  /** The spooled upload on local disk. */
  path: string;
  contentType: string;
  size: number;
  /** A new document, or a new version of `documentId`. @default "document" */
  kind?: "document" | "version";
  documentId?: string;
  name?: string;
  sha256?: string;
  /** The request, so a refusal is audited with who asked. */
  context?: Context;
}

export interface ScreenResult {
  /**
   * The virus scan: clean; pending (the scanner was unreachable: store the document in
   * pending_scan and serve nothing of it yet); unscanned (unreachable, and the tenant's profile
   * allows fail open). Absent when uploads are not scanned.
   */
  virusScan?: VirusScanOutcome;
}

export interface DocumentHooks {
  /**
   * Before new bytes are stored; throws an ApiError to refuse them (the profile's PII policy
   * "block"). Nothing has been written when it runs.
   */
  screen?(input: ScreenInput): Promise<ScreenResult | undefined>;
  /** After a change committed. Failures are logged; they never undo the change. */
  onEvent?(event: DocumentEvent): Promise<void>;
}

/** Runs onEvent without letting a failure of the notified side turn a committed change into an error. */
export async function emit(
  c: Context,
  hooks: DocumentHooks | undefined,
  event: Omit<DocumentEvent, "changeId">,
): Promise<void> {
  if (!hooks?.onEvent) return;
  const changeId = `${event.documentId}.${event.version ?? "m"}.${c.get("requestId") ?? crypto.randomUUID()}`;
  try {
    await hooks.onEvent({ ...event, changeId });
  } catch (err) {
    c.get("logger")?.error(
      { err, event: event.type, document: event.documentId },
      "document event not delivered",
    );
  }
}
