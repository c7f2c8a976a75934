// POST /api/v2/api-keys (apikeys:manage, user session): a scoped key acting with the creator's
// role, for as long as the creator keeps it (api-key.ts). The key is in this response only; the
// database keeps its SHA-256. Keys expire: in 90 days unless `expires_at` asks for up to 365.
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok } from "../../../app/index.ts";
import { API_KEY_DEFAULT_DAYS, API_KEY_MAX_DAYS, ApiKeyService } from "../../api-key.ts";
import { can, PERMISSIONS } from "../../rbac.ts";
import { guardedBy } from "../../require-permission/index.ts";
import { PgApiKeyStore } from "../../stores/index.ts";
import { requireUserSession } from "../current-user.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { errorResponses } from "../schemas.ts";
import { audit, now } from "../session.ts";
import { ApiKeySchema, apiKeyView } from "./schemas.ts";

export const CreateApiKeyBody = z
  .strictObject({
    name: z.string().min(1).max(100),
    // The permissions themselves, so a client (and the document) knows every valid scope.
    scopes: z
      .array(z.enum(PERMISSIONS))
      .min(1)
      .max(20)
      .refine((scopes) => new Set(scopes).size === scopes.length, "must not repeat a scope")
      .openapi({ uniqueItems: true }),
    expires_at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({
        description: `when the key stops working: ${API_KEY_DEFAULT_DAYS} days from now if omitted, at most ${API_KEY_MAX_DAYS}`,
      }),
  })
  .openapi("CreateApiKeyRequest");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "the secret key: shown once, store it now" }),
}).openapi("CreatedApiKey");

export const createApiKeyRoute = createRoute({
  method: "post",
  path: "/api/v2/api-keys",
  tags: ["api-keys"],
  summary: "Create an API key (the key is shown once)",
  ...guardedBy("apikeys:manage"),
  request: { body: { required: true, content: { "application/json": { schema: CreateApiKeyBody } } } },
  responses: {
    201: {
      description: "the key",
      content: { "application/json": { schema: envelopeOf(CreatedApiKeySchema) } },
    },
    ...errorResponses(400, 401, 403, 422),
  },
});

export function registerCreateApiKey(app: App, deps: AuthRouteDeps): void {
  app.openapi(createApiKeyRoute, async (c) => {
    const { tenant, principal } = requireUserSession(c);
    const body = c.req.valid("json");
    // A valid scope the caller's role lacks is a permission the caller does not have (403), not
    // malformed input.
    const beyond = body.scopes.filter((scope) => !can(principal.role, scope));
    if (beyond.length > 0) {
      throw new ApiError({
        code: "FORBIDDEN",
        message: `${beyond.map((s) => `scope "${s}" exceeds role "${principal.role}"`).join("; ")}`,
        details: beyond.map((s) => ({
          field: "scopes",
          message: `scope "${s}" exceeds role "${principal.role}"`,
        })),
      });
    }
    const service = new ApiKeyService(new PgApiKeyStore(deps.databases, tenant.id), { clock: () => now(c) });
    const created = await service.create({
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      name: body.name,
      scopes: body.scopes,
      creator: { id: principal.id, role: principal.role },
      expiresAt: body.expires_at ? new Date(body.expires_at) : undefined,
    });
    if (created.err) {
      // What is left after the schema and the role check: the expiry's window (future, at most
      // a year), which no schema can state.
      throw new ApiError({
        code: "UNPROCESSABLE_ENTITY",
        message: `invalid body: ${created.err.join("; ")}`,
        details: created.err.map((m) => ({
          field: m.startsWith("name") ? "name" : m.startsWith("expiresAt") ? "expires_at" : "scopes",
          message: m,
        })),
      });
    }
    const { key, record } = created.val;
    await audit(c, deps, tenant.id, {
      action: "apikey.create",
      resourceType: "api_key",
      resourceId: record.id,
      metadata: { name: record.name, prefix: record.prefix, scopes: record.scopes },
    });
    return ok(c, { ...apiKeyView(record), key }, 201);
  });
}
