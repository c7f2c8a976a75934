// POST /api/v2/users/{id}/disable (users:manage): the user can no longer sign in, and every
// session (refresh family) of theirs is revoked. Disabling yourself is refused (409).
import { createRoute } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok, requireTenant } from "../../../app/index.ts";
import { guardedBy } from "../../require-permission/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { errorResponses } from "../schemas.ts";
import { refreshService } from "../session.ts";
import { changeUser } from "./change-user.ts";
import { UserIdParam, UserSchema, userView } from "./schemas.ts";

export const disableUserRoute = createRoute({
  method: "post",
  path: "/api/v2/users/{id}/disable",
  tags: ["users"],
  summary: "Disable a user and end their sessions",
  ...guardedBy("users:manage"),
  request: { params: UserIdParam },
  responses: {
    200: { description: "the user", content: { "application/json": { schema: envelopeOf(UserSchema) } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function registerDisableUser(app: App, deps: AuthRouteDeps): void {
  app.openapi(disableUserRoute, async (c) => {
    const { tenant, principal } = requireTenant(c);
    const { id } = c.req.valid("param");
    if (principal?.kind === "user" && principal.id === id) {
      throw new ApiError({ code: "CONFLICT", message: "you cannot disable your own account" });
    }
    const row = await changeUser(c, deps, tenant.id, principal?.role ?? "", id, () => ({
      set: { status: "disabled" },
      action: "user.disable",
    }));
    const revoked = await refreshService(c, deps, tenant.id).revokeAllForUser(tenant.id, id, "user_disabled");
    c.get("logger")?.info({ user: id, revoked }, "user disabled; sessions revoked");
    return ok(c, userView(row), 200);
  });
}
