// GET /api/v2/api-keys (apikeys:manage): the tenant's keys, newest first; never a secret or hash.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok, requireTenant } from "../../../app/index.ts";
import { guardedBy } from "../../require-permission/index.ts";
import { PgApiKeyStore } from "../../stores/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { errorResponses } from "../schemas.ts";
import { ApiKeySchema, apiKeyView } from "./schemas.ts";

export const listApiKeysRoute = createRoute({
  method: "get",
  path: "/api/v2/api-keys",
  tags: ["api-keys"],
  summary: "List the tenant's API keys",
  ...guardedBy("apikeys:manage"),
  responses: {
    200: {
      description: "the keys",
      content: { "application/json": { schema: envelopeOf(z.object({ items: z.array(ApiKeySchema) })) } },
    },
    ...errorResponses(401, 403),
  },
});

export function registerListApiKeys(app: App, deps: AuthRouteDeps): void {
  app.openapi(listApiKeysRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const records = await new PgApiKeyStore(deps.databases, tenant.id).list();
    return ok(c, { items: records.map(apiKeyView) }, 200);
  });
}
