// PATCH /api/v2/webhooks/{id} (webhooks:manage): url (guarded again), events, description, and
// enabled; re-enabling clears a 410's disablement.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { type WebhookEndpoint, webhookEndpoints } from "../../db/schema/index.ts";
import { auditWebhook } from "./audit.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { findEndpoint } from "./find.ts";
import {
  checkUrl,
  DescriptionField,
  EndpointIdParam,
  EventsField,
  endpointView,
  errorResponses,
  now,
  UrlField,
  WebhookEndpointSchema,
} from "./schemas.ts";

export const DISABLED_BY_ADMIN = "disabled by an admin";

export const UpdateWebhookBody = z
  .strictObject({
    url: UrlField.optional(),
    events: EventsField.optional(),
    enabled: z.boolean().optional(),
    description: DescriptionField.optional(),
  })
  // At least one field: stated in the document too, so an empty body is a schema violation.
  .openapi("UpdateWebhookRequest", { minProperties: 1 });

export const updateWebhookRoute = createRoute({
  method: "patch",
  path: "/api/v2/webhooks/{id}",
  tags: ["webhooks"],
  summary: "Change a webhook endpoint",
  ...guardedBy("webhooks:manage"),
  request: {
    params: EndpointIdParam,
    body: { required: true, content: { "application/json": { schema: UpdateWebhookBody } } },
  },
  responses: {
    200: {
      description: "the endpoint",
      content: { "application/json": { schema: envelopeOf(WebhookEndpointSchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export function registerUpdateWebhook(app: App, deps: WebhookRouteDeps): void {
  app.openapi(updateWebhookRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    // Checked here rather than with a refine, which would also fire beside an unknown field.
    if (Object.keys(body).length === 0) {
      throw new ApiError({
        code: "VALIDATION_ERROR",
        message: "invalid json: body",
        details: [{ field: "body", message: "give at least one of url, events, enabled, description" }],
      });
    }
    const url = body.url === undefined ? undefined : await checkUrl(body.url, deps.policy);
    const at = now(c);
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      const before = await findEndpoint(tx, id, true);
      const set: Partial<WebhookEndpoint> = { updatedAt: at };
      if (url !== undefined) set.url = url;
      if (body.events !== undefined) set.eventTypes = [...new Set(body.events)];
      if (body.description !== undefined) set.description = body.description;
      if (body.enabled === true) Object.assign(set, { disabledAt: null, disabledReason: null });
      if (body.enabled === false && before.disabledAt === null)
        Object.assign(set, { disabledAt: at, disabledReason: DISABLED_BY_ADMIN });
      const [after] = await tx
        .update(webhookEndpoints)
        .set(set)
        .where(eq(webhookEndpoints.id, id))
        .returning();
      if (!after) throw new Error(`webhook endpoint ${id} vanished under its lock`);
      await auditWebhook(c, deps, tx, tenant.id, {
        action: "webhook.update",
        resourceId: id,
        metadata: { changed: Object.keys(body).sort(), ...(url !== undefined ? { url } : {}) },
      });
      return after;
    });
    return ok(c, endpointView(row, at), 200);
  });
}
