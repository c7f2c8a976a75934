// PATCH /api/v2/users/{id} (users:manage): changes a user's role. The next token refresh carries
// the new role; the change is audited.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok, requireTenant } from "../../../app/index.ts";
import { ROLES } from "../../rbac.ts";
import { guardedBy } from "../../require-permission/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { errorResponses } from "../schemas.ts";
import { changeUser } from "./change-user.ts";
import { checkGrantable, UserIdParam, UserSchema, userView } from "./schemas.ts";

export const UpdateUserBody = z.strictObject({ role: z.enum(ROLES) }).openapi("UpdateUserRequest");

export const updateUserRoute = createRoute({
  method: "patch",
  path: "/api/v2/users/{id}",
  tags: ["users"],
  summary: "Change a user's role",
  ...guardedBy("users:manage"),
  request: {
    params: UserIdParam,
    body: { required: true, content: { "application/json": { schema: UpdateUserBody } } },
  },
  responses: {
    200: { description: "the user", content: { "application/json": { schema: envelopeOf(UserSchema) } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerUpdateUser(app: App, deps: AuthRouteDeps): void {
  app.openapi(updateUserRoute, async (c) => {
    const { tenant, principal } = requireTenant(c);
    const { id } = c.req.valid("param");
    const { role } = c.req.valid("json");
    checkGrantable(principal?.role ?? "", role);
    const row = await changeUser(c, deps, tenant.id, principal?.role ?? "", id, (before) => ({
      set: { role },
      action: "user.role_change",
      metadata: { from: before.role, to: role },
    }));
    return ok(c, userView(row), 200);
  });
}
