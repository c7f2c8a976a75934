// The request pieces every document route reads: tenant, principal, and "now" from the injected
// clock (so tests control retention and share expiry).
import type { Context } from "hono";
import { ApiError, requireTenant, type TenantContext } from "../app/index.ts";
import { type AuditEntry, appendAudit, entryFromContext } from "../audit/index.ts";
import type { Principal } from "../auth/rbac.ts";
import type { TenantTx } from "../db/index.ts";
import type { DocumentRouteDeps } from "./deps.ts";

export function now(c: Context): Date {
  return (c.get("clock") ?? (() => new Date()))();
}

/** Tenant and principal; guardedBy already refused anonymous calls, this keeps the types honest. */
export function caller(c: Context): { tenant: TenantContext; principal: Principal } {
  const { tenant, principal } = requireTenant(c);
  if (!principal) throw new ApiError({ code: "UNAUTHORIZED", message: "authentication required" });
  return { tenant, principal };
}

/** Appends a mutation to the tenant's audit chain inside the transaction of the change. */
export async function auditIn(
  c: Context,
  deps: Pick<DocumentRouteDeps, "auditKey">,
  tx: TenantTx,
  tenantId: string,
  entry: Pick<AuditEntry, "action" | "resourceType"> & Partial<Pick<AuditEntry, "resourceId" | "metadata">>,
): Promise<void> {
  await appendAudit(tx, tenantId, entryFromContext(c, entry), {
    ...(deps.auditKey ? { key: deps.auditKey } : {}),
    clock: () => now(c),
  });
}

/** Appends a document event to the tenant's audit chain inside the transaction of the change. */
export function auditDocument(
  c: Context,
  deps: Pick<DocumentRouteDeps, "auditKey">,
  tx: TenantTx,
  tenantId: string,
  documentId: string,
  action: string,
  metadata: AuditEntry["metadata"] = {},
): Promise<void> {
  return auditIn(c, deps, tx, tenantId, {
    action,
    resourceType: "document",
    resourceId: documentId,
    metadata,
  });
}
