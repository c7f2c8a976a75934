// GET /api/v2/categories (documents:read): the tenant's categories by name, with cursor pagination.
import { createRoute, z } from "@hono/zod-openapi";
import { asc, gt } from "drizzle-orm";
import { type App, jsonResponse, ok, pageSchema } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentCategories } from "../../../db/schema/index.ts";
import { caller, type DocumentExtrasDeps, errorResponses, pageOf, pageStart } from "../extras/index.ts";
import { CategorySchema, categoryView } from "./schemas.ts";

export const ListCategoriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional().openapi({ description: "next_cursor of the previous page" }),
});

export const CategoryPageSchema = pageSchema(CategorySchema, "CategoryPage");

export const listCategoriesRoute = createRoute({
  method: "get",
  path: "/api/v2/categories",
  tags: ["categories"],
  summary: "List the tenant's categories (by name)",
  ...guardedBy("documents:read"),
  request: { query: ListCategoriesQuery },
  responses: {
    200: jsonResponse("a page of categories", CategoryPageSchema),
    ...errorResponses(400, 401, 403),
  },
});

// Names are unique per tenant, so the last name of a page is a complete position.
const Position = z.string().min(1);

export function registerListCategories(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(listCategoriesRoute, async (c) => {
    const { tenant } = caller(c);
    const { limit, cursor } = c.req.valid("query");
    const scope = ["categories", tenant.id];
    const after = pageStart(cursor, scope, Position, deps.cursorKey);
    const rows = await deps.databases.withTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(documentCategories)
        .where(after === undefined ? undefined : gt(documentCategories.name, after))
        .orderBy(asc(documentCategories.name))
        .limit(limit + 1),
    );
    const { page, next } = pageOf(rows, limit, (last) => last.name, scope, deps.cursorKey);
    return ok(c, { items: page.map(categoryView), next_cursor: next }, 200);
  });
}
