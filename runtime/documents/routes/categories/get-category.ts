// GET /api/v2/categories/{id} (documents:read): one category of the caller's tenant.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentCategories } from "../../../db/schema/index.ts";
import { caller, type DocumentExtrasDeps, errorResponses } from "../extras/index.ts";
import { CategoryIdParam, CategorySchema, categoryView, notFound } from "./schemas.ts";

export const getCategoryRoute = createRoute({
  method: "get",
  path: "/api/v2/categories/{id}",
  tags: ["categories"],
  summary: "Get a category",
  ...guardedBy("documents:read"),
  request: { params: CategoryIdParam },
  responses: {
    200: {
      description: "the category",
      content: { "application/json": { schema: envelopeOf(CategorySchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerGetCategory(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(getCategoryRoute, async (c) => {
    const { tenant } = caller(c);
    const { id } = c.req.valid("param");
    const [row] = await deps.databases.withTenant(tenant.id, (tx) =>
      tx.select().from(documentCategories).where(eq(documentCategories.id, id)),
    );
    if (!row) throw notFound(id);
    return ok(c, categoryView(row), 200);
  });
}
