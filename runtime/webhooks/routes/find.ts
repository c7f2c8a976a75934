import { eq } from "drizzle-orm";
import type { TenantTx } from "../../db/index.ts";
import { type WebhookEndpoint, webhookEndpoints } from "../../db/schema/index.ts";
import { endpointNotFound } from "./schemas.ts";

/** The tenant's endpoint (RLS hides every other tenant's: their ids are simply not found). */
export async function findEndpoint(tx: TenantTx, id: string, forUpdate = false): Promise<WebhookEndpoint> {
  const query = tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw endpointNotFound(id);
  return row;
}
