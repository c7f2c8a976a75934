// POST /api/v2/users (users:manage): a new user of the caller's tenant, with a password that must
// pass the password policy. 409 when the email is taken in this tenant.
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok, requireTenant } from "../../../app/index.ts";
import { users } from "../../../db/schema/index.ts";
import { ROLES } from "../../rbac.ts";
import { guardedBy } from "../../require-permission/index.ts";
import { normalizeEmail } from "../../stores/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { errorResponses, NewPassword } from "../schemas.ts";
import { auditIn, hashNewPassword } from "../session.ts";
import { checkGrantable, UserSchema, userView } from "./schemas.ts";

export const CreateUserBody = z
  .strictObject({
    // The pattern zod checks, in the document too: format "email" alone admits more.
    email: z.email().max(320).openapi({ pattern: z.regexes.email.source }),
    display_name: z.string().max(200).default(""),
    role: z.enum(ROLES).default("end-user"),
    password: NewPassword,
  })
  .openapi("CreateUserRequest");

export const createUserRoute = createRoute({
  method: "post",
  path: "/api/v2/users",
  tags: ["users"],
  summary: "Create a user in the tenant",
  ...guardedBy("users:manage"),
  request: { body: { required: true, content: { "application/json": { schema: CreateUserBody } } } },
  responses: {
    201: { description: "the user", content: { "application/json": { schema: envelopeOf(UserSchema) } } },
    ...errorResponses(400, 401, 403, 409, 422),
  },
});

export function registerCreateUser(app: App, deps: AuthRouteDeps): void {
  app.openapi(createUserRoute, async (c) => {
    const { tenant, principal } = requireTenant(c);
    const body = c.req.valid("json");
    checkGrantable(principal?.role ?? "", body.role);
    const email = normalizeEmail(body.email);
    const passwordHash = await hashNewPassword(deps, body.password, { email, name: body.display_name });
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ tenantId: tenant.id, email, displayName: body.display_name, role: body.role, passwordHash })
        .onConflictDoNothing()
        .returning();
      if (!created)
        throw new ApiError({ code: "CONFLICT", message: `email ${email} is already a user of this tenant` });
      await auditIn(c, deps, tx, tenant.id, {
        action: "user.create",
        resourceId: created.id,
        metadata: { email, role: body.role },
      });
      return created;
    });
    return ok(c, userView(row), 201);
  });
}
