// Every mutation of an endpoint is audited in the transaction that makes it, like the auth routes.
import type { Context } from "hono";
import { appendAudit, entryFromContext } from "../../audit/index.ts";
import type { TenantTx } from "../../db/index.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { now } from "./schemas.ts";

export async function auditWebhook(
  c: Context,
  deps: WebhookRouteDeps,
  tx: TenantTx,
  tenantId: string,
  entry: { action: string; resourceId: string; metadata?: Record<string, unknown> },
): Promise<void> {
  const base = entryFromContext(c, { action: entry.action, resourceType: "webhook_endpoint" });
  await appendAudit(
    tx,
    tenantId,
    { ...base, ...entry, resourceType: "webhook_endpoint" },
    { ...(deps.auditKey ? { key: deps.auditKey } : {}), clock: () => now(c) },
  );
}
