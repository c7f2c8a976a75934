import type { TenantTx } from "../../db/index.ts";
import type { AuditKey } from "../audit-log.ts";

export interface AuditRouteDeps {
  /** TenantDatabases (runtime/db) or anything that runs a tenant transaction. */
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** HMAC key(s) of each tenant's chain (audit-log.ts AuditKey). */
  key?: AuditKey;
  /** Signs page cursors. @default a random key per process (cursor.ts) */
  cursorKey?: string;
}
