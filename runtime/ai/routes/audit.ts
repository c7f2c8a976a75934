import type { Context } from "hono";
import { type AuditEntry, appendAudit, entryFromContext } from "../../audit/index.ts";
import type { TenantTx } from "../../db/index.ts";
import { now } from "../../documents/context.ts";

/** Appends a mutation to the tenant's audit chain inside the transaction of the change. */
export async function auditIn(
  c: Context,
  deps: { auditKey?: string },
  tx: TenantTx,
  tenantId: string,
  entry: Pick<AuditEntry, "action" | "resourceType"> & Partial<Pick<AuditEntry, "resourceId" | "metadata">>,
): Promise<void> {
  await appendAudit(tx, tenantId, entryFromContext(c, entry), {
    ...(deps.auditKey ? { key: deps.auditKey } : {}),
    clock: () => now(c),
  });
}
