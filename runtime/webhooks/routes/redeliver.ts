// POST /api/v2/webhooks/{id}/deliveries/{delivery_id}/redeliver (webhooks:manage): sends the same
// message again (same webhook-id and body, fresh signature) through the queue, with the schedule
// starting over. 409 while the endpoint is disabled.
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { webhookDeliveries } from "../../db/schema/index.ts";
import { deliveryJobId } from "../queue.ts";
import { auditWebhook } from "./audit.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { findEndpoint } from "./find.ts";
import { DeliveryIdParams, DeliverySchema, deliveryView, errorResponses, now } from "./schemas.ts";

export const redeliverRoute = createRoute({
  method: "post",
  path: "/api/v2/webhooks/{id}/deliveries/{delivery_id}/redeliver",
  tags: ["webhooks"],
  summary: "Send a delivery again",
  ...guardedBy("webhooks:manage"),
  request: { params: DeliveryIdParams },
  responses: {
    202: {
      description: "the delivery, queued again",
      content: { "application/json": { schema: envelopeOf(DeliverySchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function registerRedeliver(app: App, deps: WebhookRouteDeps): void {
  app.openapi(redeliverRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id, delivery_id: deliveryId } = c.req.valid("param");
    const at = now(c);
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      const endpoint = await findEndpoint(tx, id);
      if (endpoint.disabledAt) {
        throw new ApiError({
          code: "CONFLICT",
          message: `webhook endpoint ${id} is disabled (${endpoint.disabledReason ?? "by an admin"}); enable it first`,
          details: [{ field: "enabled", message: "must be true to redeliver" }],
        });
      }
      const [updated] = await tx
        .update(webhookDeliveries)
        .set({ status: "pending", nextAttemptAt: at, manual: true, updatedAt: at })
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, id)))
        .returning();
      if (!updated)
        throw new ApiError({
          code: "NOT_FOUND",
          message: `delivery ${deliveryId} of webhook ${id} not found`,
        });
      await auditWebhook(c, deps, tx, tenant.id, {
        action: "webhook.redeliver",
        resourceId: id,
        metadata: { delivery_id: deliveryId, event_id: updated.eventId },
      });
      return updated;
    });
    // The attempts made so far name the run: a double click before it starts is one job.
    const run = `r${row.attempts}`;
    await deps.queue.enqueue(deliveryJobId(row.eventId, id, 1, run), {
      tenantId: tenant.id,
      deliveryId,
      attempt: 1,
      manual: true,
      run,
    });
    return ok(c, deliveryView(row), 202);
  });
}
