// GET /api/v2/webhooks/{id} (webhooks:manage): one endpoint, without its secret.
import { createRoute } from "@hono/zod-openapi";
import { type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { findEndpoint } from "./find.ts";
import { EndpointIdParam, endpointView, errorResponses, now, WebhookEndpointSchema } from "./schemas.ts";

export const getWebhookRoute = createRoute({
  method: "get",
  path: "/api/v2/webhooks/{id}",
  tags: ["webhooks"],
  summary: "Get a webhook endpoint",
  ...guardedBy("webhooks:manage"),
  request: { params: EndpointIdParam },
  responses: {
    200: {
      description: "the endpoint",
      content: { "application/json": { schema: envelopeOf(WebhookEndpointSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerGetWebhook(app: App, deps: WebhookRouteDeps): void {
  app.openapi(getWebhookRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id } = c.req.valid("param");
    const row = await deps.databases.withTenant(tenant.id, (tx) => findEndpoint(tx, id));
    return ok(c, endpointView(row, now(c)), 200);
  });
}
