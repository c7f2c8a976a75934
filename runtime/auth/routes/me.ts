// GET /api/v2/auth/me: the signed-in user's profile and the session's permissions.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { permissionsOf } from "../rbac.ts";
import { findUserById } from "../stores/index.ts";
import { requireUserSession } from "./current-user.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { errorResponses } from "./schemas.ts";
import { unauthorized } from "./session.ts";

export const ProfileSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    display_name: z.string(),
    role: z.string(),
    status: z.string(),
    mfa_enabled: z.boolean(),
    last_login_at: z.string().nullable(),
    tenant: z.object({ id: z.uuid(), slug: z.string(), tier: z.string() }),
    scopes: z.array(z.string()),
    permissions: z.array(z.string()),
  })
  .openapi("Profile");
export type Profile = z.infer<typeof ProfileSchema>;

export const meRoute = createRoute({
  method: "get",
  path: "/api/v2/auth/me",
  tags: ["auth"],
  summary: "The signed-in user",
  responses: {
    200: {
      description: "the profile",
      content: { "application/json": { schema: envelopeOf(ProfileSchema) } },
    },
    ...errorResponses(401, 403),
  },
});

export function registerMe(app: App, deps: AuthRouteDeps): void {
  app.openapi(meRoute, async (c) => {
    const { tenant, principal } = requireUserSession(c);
    const user = await deps.databases.withTenant(tenant.id, (tx) => findUserById(tx, principal.id));
    if (user?.status !== "active") throw unauthorized("account not found or disabled");
    const full = principal.scopes.includes("*");
    const profile: Profile = {
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      status: user.status,
      mfa_enabled: user.mfaEnabled,
      last_login_at: user.lastLoginAt?.toISOString() ?? null,
      tenant: { id: tenant.id, slug: tenant.slug, tier: tenant.tier },
      scopes: [...principal.scopes],
      permissions: permissionsOf(user.role).filter((p) => full || principal.scopes.includes(p)),
    };
    return ok(c, profile, 200);
  });
}
