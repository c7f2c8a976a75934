// GET /api/v2/webhooks/{id}/deliveries (webhooks:manage): the endpoint's delivery log, newest
// first, each with every attempt.
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { type App, envelopeOf, ok, pageSchema, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { webhookDeliveries } from "../../db/schema/index.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { findEndpoint } from "./find.ts";
import {
  DeliverySchema,
  decodeCursor,
  deliveryView,
  EndpointIdParam,
  encodeCursor,
  errorResponses,
  PageQuery,
} from "./schemas.ts";

export const DeliveryPageSchema = pageSchema(DeliverySchema, "WebhookDeliveryPage");

export const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/api/v2/webhooks/{id}/deliveries",
  tags: ["webhooks"],
  summary: "An endpoint's delivery log",
  ...guardedBy("webhooks:manage"),
  request: { params: EndpointIdParam, query: PageQuery },
  responses: {
    200: {
      description: "a page of deliveries",
      content: { "application/json": { schema: envelopeOf(DeliveryPageSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerListDeliveries(app: App, deps: WebhookRouteDeps): void {
  app.openapi(listDeliveriesRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const before = cursor === undefined ? undefined : decodeCursor(cursor);
    const d = webhookDeliveries;
    const rows = await deps.databases.withTenant(tenant.id, async (tx) => {
      await findEndpoint(tx, id);
      return tx
        .select()
        .from(d)
        .where(
          and(
            eq(d.endpointId, id),
            before
              ? or(
                  lt(d.createdAt, before.createdAt),
                  and(eq(d.createdAt, before.createdAt), lt(d.id, before.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(d.createdAt), desc(d.id))
        .limit(limit + 1);
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return ok(
      c,
      { items: page.map(deliveryView), next_cursor: rows.length > limit && last ? encodeCursor(last) : null },
      200,
    );
  });
}
