// POST /api/v2/webhooks/{id}/rotate-secret (webhooks:manage): a new signing secret, shown once.
// The previous one keeps signing for ROTATION_OVERLAP_MS (24 h), so receivers can switch over.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { webhookEndpoints } from "../../db/schema/index.ts";
import { openSecrets, sealSecrets } from "../endpoint-secrets.ts";
import { rotateSecrets } from "../secrets.ts";
import { auditWebhook } from "./audit.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { findEndpoint } from "./find.ts";
import { EndpointIdParam, errorResponses, now } from "./schemas.ts";

export const RotatedSecretSchema = z
  .object({
    id: z.uuid(),
    secret: z.string().openapi({ description: "the new whsec_… secret; shown only once" }),
    previous_secret_expires_at: z.string().nullable(),
  })
  .openapi("RotatedWebhookSecret");

export const rotateWebhookSecretRoute = createRoute({
  method: "post",
  path: "/api/v2/webhooks/{id}/rotate-secret",
  tags: ["webhooks"],
  summary: "Rotate an endpoint's signing secret (the old one stays valid for 24 h)",
  ...guardedBy("webhooks:manage"),
  request: { params: EndpointIdParam },
  responses: {
    200: {
      description: "the new secret",
      content: { "application/json": { schema: envelopeOf(RotatedSecretSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerRotateWebhookSecret(app: App, deps: WebhookRouteDeps): void {
  app.openapi(rotateWebhookSecretRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id } = c.req.valid("param");
    const at = now(c);
    const rotated = await deps.databases.withTenant(tenant.id, async (tx) => {
      const before = await findEndpoint(tx, id, true);
      const current = openSecrets(deps.secretBox, tenant.id, id, before.secrets);
      const { secrets, created } = rotateSecrets(current, at);
      await tx
        .update(webhookEndpoints)
        .set({ secrets: sealSecrets(deps.secretBox, tenant.id, id, secrets), updatedAt: at })
        .where(eq(webhookEndpoints.id, id));
      const previous = secrets.find((s) => s !== created)?.expiresAt ?? null;
      await auditWebhook(c, deps, tx, tenant.id, {
        action: "webhook.rotate_secret",
        resourceId: id,
        metadata: { previous_secret_expires_at: previous?.toISOString() ?? null },
      });
      return { secret: created.secret, previous };
    });
    return ok(
      c,
      { id, secret: rotated.secret, previous_secret_expires_at: rotated.previous?.toISOString() ?? null },
      200,
    );
  });
}
