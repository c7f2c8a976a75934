import type { TierBodyLimitOptions } from "../app/index.ts";
import type { AuditKey } from "../audit/index.ts";
import type { TenantTx } from "../db/index.ts";
import type { StorageDriver } from "../storage/index.ts";
import type { DocumentHooks } from "./events.ts";

/** What the document routes need. */
export interface DocumentRouteDeps {
  /** TenantDatabases (runtime/db): every query runs in the tenant's RLS transaction. */
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** Where document bytes live (runtime/storage). */
  driver: StorageDriver;
  /** HMAC key(s) of each tenant's audit chain (runtime/audit AuditKey). */
  auditKey?: AuditKey;
  /** Key that signs list cursors. @default a random key per process (extras/cursor.ts) */
  cursorKey?: string;
  /** The same per-tier limits the app's body-limit middleware uses. @default DEFAULT_BODY_LIMITS */
  bodyLimits?: TierBodyLimitOptions["limits"];
  /** Directory for spooling uploads before they are stored. @default os.tmpdir() */
  spoolDir?: string;
  /** Screening before storage and notification after commits (pipeline, webhooks, PII policy). */
  hooks?: DocumentHooks;
}
