// GET /api/v2/users (users:manage): the tenant's users, by id, with cursor pagination.
import { createRoute, z } from "@hono/zod-openapi";
import { asc, gt } from "drizzle-orm";
import { type App, envelopeOf, ok, pageSchema, requireTenant } from "../../../app/index.ts";
import { users } from "../../../db/schema/index.ts";
import { guardedBy } from "../../require-permission/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { errorResponses } from "../schemas.ts";
import { decodeUserCursor, encodeUserCursor, UserSchema, userView } from "./schemas.ts";

export const ListUsersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional().openapi({ description: "next_cursor of the previous page" }),
});

export const UserPageSchema = pageSchema(UserSchema, "UserPage");

export const listUsersRoute = createRoute({
  method: "get",
  path: "/api/v2/users",
  tags: ["users"],
  summary: "List the tenant's users",
  ...guardedBy("users:manage"),
  request: { query: ListUsersQuery },
  responses: {
    200: {
      description: "a page of users",
      content: { "application/json": { schema: envelopeOf(UserPageSchema) } },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function registerListUsers(app: App, deps: AuthRouteDeps): void {
  app.openapi(listUsersRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { limit, cursor } = c.req.valid("query");
    const after = cursor === undefined ? undefined : decodeUserCursor(cursor);
    const rows = await deps.databases.withTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(users)
        .where(after ? gt(users.id, after) : undefined)
        .orderBy(asc(users.id))
        .limit(limit + 1),
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return ok(
      c,
      {
        items: page.map(userView),
        next_cursor: rows.length > limit && last ? encodeUserCursor(last.id) : null,
      },
      200,
    );
  });
}
