// DELETE /api/v2/webhooks/{id} (webhooks:manage): removes the endpoint and its delivery log;
// queued attempts find no row and stop.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { webhookEndpoints } from "../../db/schema/index.ts";
import { auditWebhook } from "./audit.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { findEndpoint } from "./find.ts";
import { EndpointIdParam, endpointView, errorResponses, now, WebhookEndpointSchema } from "./schemas.ts";

export const deleteWebhookRoute = createRoute({
  method: "delete",
  path: "/api/v2/webhooks/{id}",
  tags: ["webhooks"],
  summary: "Delete a webhook endpoint and its delivery log",
  ...guardedBy("webhooks:manage"),
  request: { params: EndpointIdParam },
  responses: {
    200: {
      description: "the deleted endpoint",
      content: { "application/json": { schema: envelopeOf(WebhookEndpointSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerDeleteWebhook(app: App, deps: WebhookRouteDeps): void {
  app.openapi(deleteWebhookRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id } = c.req.valid("param");
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      const before = await findEndpoint(tx, id, true);
      await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      await auditWebhook(c, deps, tx, tenant.id, {
        action: "webhook.delete",
        resourceId: id,
        metadata: { url: before.url },
      });
      return before;
    });
    return ok(c, endpointView(row, now(c)), 200);
  });
}
