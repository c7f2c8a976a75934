// POST /api/v2/webhooks (webhooks:manage): a receiver for the tenant's events. The URL passes the
// SSRF guard first; the signing secret is generated here, sealed at rest and shown only in this
// response.
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { webhookEndpoints } from "../../db/schema/index.ts";
import { sealSecrets } from "../endpoint-secrets.ts";
import { generateSecret } from "../secrets.ts";
import { auditWebhook } from "./audit.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import {
  checkUrl,
  DescriptionField,
  EventsField,
  endpointView,
  errorResponses,
  now,
  UrlField,
  WebhookEndpointSchema,
} from "./schemas.ts";

export const CreateWebhookBody = z
  .strictObject({ url: UrlField, events: EventsField, description: DescriptionField.default("") })
  .openapi("CreateWebhookRequest");

export const CreatedWebhookSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({ description: "whsec_… signing secret; shown only once" }),
}).openapi("CreatedWebhookEndpoint");

export const createWebhookRoute = createRoute({
  method: "post",
  path: "/api/v2/webhooks",
  tags: ["webhooks"],
  summary: "Register a webhook endpoint (its secret is shown once)",
  ...guardedBy("webhooks:manage"),
  request: { body: { required: true, content: { "application/json": { schema: CreateWebhookBody } } } },
  responses: {
    201: {
      description: "the endpoint and its signing secret",
      content: { "application/json": { schema: envelopeOf(CreatedWebhookSchema) } },
    },
    ...errorResponses(400, 401, 403, 422),
  },
});

export function registerCreateWebhook(app: App, deps: WebhookRouteDeps): void {
  app.openapi(createWebhookRoute, async (c) => {
    const { tenant, principal } = requireTenant(c);
    const body = c.req.valid("json");
    const url = await checkUrl(body.url, deps.policy);
    const at = now(c);
    const id = randomUUID();
    const secret = generateSecret();
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      const [created] = await tx
        .insert(webhookEndpoints)
        .values({
          id,
          tenantId: tenant.id,
          url,
          description: body.description,
          eventTypes: [...new Set(body.events)],
          secrets: sealSecrets(deps.secretBox, tenant.id, id, [{ secret, createdAt: at, expiresAt: null }]),
          createdBy: principal?.kind === "user" ? principal.id : null,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!created) throw new Error("webhook endpoint insert returned nothing");
      await auditWebhook(c, deps, tx, tenant.id, {
        action: "webhook.create",
        resourceId: id,
        metadata: { url, events: created.eventTypes },
      });
      return created;
    });
    return ok(c, { ...endpointView(row, at), secret }, 201);
  });
}
