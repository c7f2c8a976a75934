import type { AuditKey } from "../../../audit/index.ts";
import type { TenantTx } from "../../../db/index.ts";
import type { DocumentHooks } from "../../events.ts";

/** What the categories, search, tags and shares routes need. */
export interface DocumentExtrasDeps {
  /** TenantDatabases (runtime/db): every query runs in the tenant's RLS transaction. */
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** HMAC key(s) of each tenant's audit chain (runtime/audit AuditKey). */
  auditKey?: AuditKey;
  /**
   * Key that signs search cursors. A cursor grants nothing (visibility is re-applied on every
   * page); the signature only makes an edited cursor detectable. @default a random key per process
   */
  cursorKey?: string;
  /** Notification after a share is granted (webhooks). */
  hooks?: Pick<DocumentHooks, "onEvent">;
}
