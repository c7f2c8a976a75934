// DELETE /api/v2/api-keys/{id} (apikeys:manage): revokes a key of this tenant; 404 for a key that
// is not this tenant's or is already revoked.
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok, requireTenant } from "../../../app/index.ts";
import { guardedBy } from "../../require-permission/index.ts";
import { PgApiKeyStore } from "../../stores/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { errorResponses } from "../schemas.ts";
import { audit, now } from "../session.ts";

export const revokeApiKeyRoute = createRoute({
  method: "delete",
  path: "/api/v2/api-keys/{id}",
  tags: ["api-keys"],
  summary: "Revoke an API key",
  ...guardedBy("apikeys:manage"),
  request: { params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: {
      description: "revoked",
      content: {
        "application/json": { schema: envelopeOf(z.object({ id: z.uuid(), revoked: z.literal(true) })) },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerRevokeApiKey(app: App, deps: AuthRouteDeps): void {
  app.openapi(revokeApiKeyRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { id } = c.req.valid("param");
    const revoked = await new PgApiKeyStore(deps.databases, tenant.id).revoke(tenant.id, id, now(c));
    if (!revoked)
      throw new ApiError({ code: "NOT_FOUND", message: `API key ${id} not found or already revoked` });
    await audit(c, deps, tenant.id, { action: "apikey.revoke", resourceType: "api_key", resourceId: id });
    return ok(c, { id, revoked: true as const }, 200);
  });
}
