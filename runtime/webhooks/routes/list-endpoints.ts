// GET /api/v2/webhooks (webhooks:manage): the tenant's endpoints, oldest first, cursor-paginated.
import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, gt, or } from "drizzle-orm";
import { type App, envelopeOf, ok, pageSchema, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { webhookEndpoints } from "../../db/schema/index.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import {
  decodeCursor,
  encodeCursor,
  endpointView,
  errorResponses,
  now,
  PageQuery,
  WebhookEndpointSchema,
} from "./schemas.ts";

export const WebhookEndpointPageSchema = pageSchema(WebhookEndpointSchema, "WebhookEndpointPage");

export const listWebhooksRoute = createRoute({
  method: "get",
  path: "/api/v2/webhooks",
  tags: ["webhooks"],
  summary: "List the tenant's webhook endpoints",
  ...guardedBy("webhooks:manage"),
  request: { query: PageQuery },
  responses: {
    200: {
      description: "a page of endpoints",
      content: { "application/json": { schema: envelopeOf(WebhookEndpointPageSchema) } },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function registerListWebhooks(app: App, deps: WebhookRouteDeps): void {
  app.openapi(listWebhooksRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { limit, cursor } = c.req.valid("query");
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const t = webhookEndpoints;
    const rows = await deps.databases.withTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(t)
        .where(
          after
            ? or(gt(t.createdAt, after.createdAt), and(eq(t.createdAt, after.createdAt), gt(t.id, after.id)))
            : undefined,
        )
        .orderBy(asc(t.createdAt), asc(t.id))
        .limit(limit + 1),
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const at = now(c);
    return ok(
      c,
      {
        items: page.map((e) => endpointView(e, at)),
        next_cursor: rows.length > limit && last ? encodeCursor(last) : null,
      },
      200,
    );
  });
}
