// POST /api/v2/auth/logout: ends the sign-in the refresh token belongs to (its whole family).
// Always 200: an unknown token tells the caller nothing. Access tokens already issued stay valid
// until they expire (minutes); that is the price of stateless access tokens.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { hashRefreshToken } from "../refresh-token.ts";
import { PgRefreshTokenStore } from "../stores/index.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { errorResponses, RefreshTokenField, TenantSlug } from "./schemas.ts";
import { audit, refreshService } from "./session.ts";

export const LogoutBody = z
  .strictObject({ tenant: TenantSlug, refresh_token: RefreshTokenField })
  .openapi("LogoutRequest");

export const logoutRoute = createRoute({
  method: "post",
  path: "/api/v2/auth/logout",
  tags: ["auth"],
  summary: "Sign out (revoke the refresh token's session)",
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: LogoutBody } } } },
  responses: {
    200: {
      description: "signed out",
      content: { "application/json": { schema: envelopeOf(z.object({ logged_out: z.literal(true) })) } },
    },
    ...errorResponses(400, 429),
  },
});

export function registerLogout(app: App, deps: AuthRouteDeps): void {
  app.openapi(logoutRoute, async (c) => {
    const body = c.req.valid("json");
    const location = deps.registry.getBySlug(body.tenant);
    if (location) {
      const service = refreshService(c, deps, location.tenantId);
      const found = await new PgRefreshTokenStore(deps.databases, location.tenantId).findByHash(
        hashRefreshToken(body.refresh_token),
      );
      const ended = await service.logout(body.refresh_token);
      if (ended && found) {
        await audit(c, deps, location.tenantId, {
          action: "auth.logout",
          actorType: "user",
          actorId: found.family.userId,
          resourceType: "session",
          resourceId: ended.familyId,
        });
      }
    }
    return ok(c, { logged_out: true as const }, 200);
  });
}
