import type { TenantTx } from "../../db/index.ts";

export interface AuditRouteDeps {
  /** TenantDatabases (runtime/db) or anything that runs a tenant transaction. */
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** HMAC key of the chain, if one is configured. */
  key?: string;
}
