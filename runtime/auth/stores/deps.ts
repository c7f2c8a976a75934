import type { TenantTx } from "../../db/index.ts";

/** TenantDatabases (runtime/db) or anything that runs a transaction with the RLS tenant set. */
export interface TenantScope {
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
}
