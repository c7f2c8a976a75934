// POST /api/v2/webhooks/{id}/test (webhooks:manage): signs and sends a `webhook.ping` now, once
// (no retries), records it in the delivery log and answers with the outcome, so an admin sees
// at once whether the receiver is reachable and verifies.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { webhookDeliveries } from "../../db/schema/index.ts";
import { attemptDelivery } from "../attempt.ts";
import { newMessageId } from "../events.ts";
import { auditWebhook } from "./audit.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { findEndpoint } from "./find.ts";
import { DeliverySchema, deliveryView, EndpointIdParam, errorResponses, now } from "./schemas.ts";

/** Not a subscribable event: it goes to the one endpoint being tested, whatever its filter. */
export const PING_EVENT_TYPE = "webhook.ping";

export const testWebhookRoute = createRoute({
  method: "post",
  path: "/api/v2/webhooks/{id}/test",
  tags: ["webhooks"],
  summary: "Send a signed ping to the endpoint now",
  ...guardedBy("webhooks:manage"),
  request: { params: EndpointIdParam },
  responses: {
    200: {
      description: "the ping's delivery, with the receiver's answer",
      content: { "application/json": { schema: envelopeOf(DeliverySchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function registerTestWebhook(app: App, deps: WebhookRouteDeps): void {
  app.openapi(testWebhookRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id } = c.req.valid("param");
    const at = now(c);
    const eventId = newMessageId();
    const delivery = await deps.databases.withTenant(tenant.id, async (tx) => {
      const endpoint = await findEndpoint(tx, id);
      if (endpoint.disabledAt) {
        throw new ApiError({
          code: "CONFLICT",
          message: `webhook endpoint ${id} is disabled (${endpoint.disabledReason ?? "by an admin"}); enable it first`,
          details: [{ field: "enabled", message: "must be true to send a test" }],
        });
      }
      const [row] = await tx
        .insert(webhookDeliveries)
        .values({
          tenantId: tenant.id,
          endpointId: id,
          eventId,
          eventType: PING_EVENT_TYPE,
          payload: {
            type: PING_EVENT_TYPE,
            timestamp: at.toISOString(),
            data: { webhook_id: id, message: "ping from wspec" },
          },
          manual: true,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("delivery insert returned nothing");
      await auditWebhook(c, deps, tx, tenant.id, {
        action: "webhook.test",
        resourceId: id,
        metadata: { event_id: eventId },
      });
      return row;
    });
    await attemptDelivery(
      {
        databases: deps.databases,
        secretBox: deps.secretBox,
        policy: deps.policy,
        clock: () => now(c),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      },
      { tenantId: tenant.id, deliveryId: delivery.id, attempt: 1, manual: true },
      { retry: false },
    );
    const after = await deps.databases.withTenant(tenant.id, async (tx) => {
      const [row] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
      return row ?? delivery;
    });
    return ok(c, deliveryView(after), 200);
  });
}
