// POST /api/v2/auth/refresh: exchanges a refresh token for a new session (rotation). A token used
// twice is a stolen copy: 401, and its whole family (every token of that sign-in) is revoked.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { tenants } from "../../db/schema/index.ts";
import type { AuthMethod } from "../access-token.ts";
import { findUserById } from "../stores/index.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { errorResponses, RefreshTokenField, SessionSchema, TenantSlug } from "./schemas.ts";
import { audit, now, refreshService, unauthorized } from "./session.ts";

export const RefreshBody = z
  .strictObject({ tenant: TenantSlug, refresh_token: RefreshTokenField })
  .openapi("RefreshRequest");

export const refreshRoute = createRoute({
  method: "post",
  path: "/api/v2/auth/refresh",
  tags: ["auth"],
  summary: "Rotate a refresh token",
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: RefreshBody } } } },
  responses: {
    200: {
      description: "a new session",
      content: { "application/json": { schema: envelopeOf(SessionSchema) } },
    },
    ...errorResponses(400, 401, 403, 429),
  },
});

export function registerRefresh(app: App, deps: AuthRouteDeps): void {
  app.openapi(refreshRoute, async (c) => {
    const body = c.req.valid("json");
    const location = deps.registry.getBySlug(body.tenant);
    if (!location) throw unauthorized("refresh token is not valid");
    const tenantId = location.tenantId;
    const service = refreshService(c, deps, tenantId);
    const rotated = await service.rotate(body.refresh_token);
    if (rotated.err) {
      const e = rotated.err;
      if (e.userId) {
        await audit(c, deps, tenantId, {
          action: e.code === "reused" ? "auth.refresh.reuse_detected" : "auth.refresh.failed",
          actorType: "user",
          actorId: e.userId,
          resourceType: "session",
          resourceId: e.familyId ?? null,
          metadata: { reason: e.code },
        });
      }
      throw unauthorized(e.message);
    }
    const { val } = rotated;
    const { user, tenant } = await deps.databases.withTenant(tenantId, async (tx) => ({
      user: await findUserById(tx, val.userId),
      tenant: (await tx.select().from(tenants).where(eq(tenants.id, tenantId)))[0],
    }));
    if (user?.status !== "active") {
      await service.revokeAllForUser(tenantId, val.userId, "user_disabled");
      throw unauthorized("account not found or disabled");
    }
    if (tenant?.status !== "active") {
      throw new ApiError({ code: "FORBIDDEN", message: `tenant "${location.slug}" is suspended` });
    }
    // A session begun before the tenant required MFA (or before this rule) must not renew into a
    // full session: the family ends and the next sign-in leads to enrollment (login.ts).
    if (tenant.mfaRequired && !user.mfaEnabled) {
      await service.revokeFamily(val.familyId, "mfa_required");
      await audit(c, deps, tenantId, {
        action: "auth.refresh.failed",
        actorType: "user",
        actorId: user.id,
        resourceType: "session",
        resourceId: val.familyId,
        metadata: { reason: "mfa_required" },
      });
      throw unauthorized("this tenant requires MFA: sign in again to enroll");
    }
    // A user with MFA on could only have signed in with it (login demands it).
    const amr: AuthMethod[] = user.mfaEnabled ? ["pwd", "otp"] : ["pwd"];
    const access = await deps.accessTokens.issue(
      { sub: user.id, tenant: tenantId, role: user.role, scopes: ["*"], amr },
      now(c),
    );
    await audit(c, deps, tenantId, {
      action: "auth.refresh",
      actorType: "user",
      actorId: user.id,
      resourceType: "session",
      resourceId: val.familyId,
    });
    return ok(
      c,
      {
        access_token: access.token,
        token_type: "Bearer" as const,
        expires_in: deps.accessTokens.ttlSeconds,
        refresh_token: val.token,
        refresh_expires_at: val.expiresAt.toISOString(),
      },
      200,
    );
  });
}
