import type { TierBodyLimitOptions } from "../app/index.ts";
import type { TenantTx } from "../db/index.ts";
import type { StorageDriver } from "../storage/index.ts";
import type { DocumentHooks } from "./events.ts";

/** What the document routes need. */
export interface DocumentRouteDeps {
  /** TenantDatabases (runtime/db): every query runs in the tenant's RLS transaction. */
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** Where document bytes live (runtime/storage). */
  driver: StorageDriver;
  /** HMAC key of the audit chain, if one is configured (runtime/audit). */
  auditKey?: string;
  /** Key that signs list cursors (only makes an edited cursor detectable). */
  cursorKey?: string;
  /** The same per-tier limits the app's body-limit middleware uses. @default DEFAULT_BODY_LIMITS */
  bodyLimits?: TierBodyLimitOptions["limits"];
  /** Directory for spooling uploads before they are stored. @default os.tmpdir() */
  spoolDir?: string;
  /** Screening before storage and notification after commits (pipeline, webhooks, PII policy). */
  hooks?: DocumentHooks;
}
