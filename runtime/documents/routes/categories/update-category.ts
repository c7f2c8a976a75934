// PATCH /api/v2/categories/{id} (categories:manage): renames, describes, re-parents or changes the
// retention of a category. Same rules as creation, plus: no move under itself or a descendant.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentCategories } from "../../../db/schema/index.ts";
import { auditIn, caller, type DocumentExtrasDeps, errorResponses, now, pgError } from "../extras/index.ts";
import {
  CategoryDescription,
  CategoryIdParam,
  CategoryName,
  CategorySchema,
  categoryView,
  notFound,
  ParentId,
  RetentionDays,
} from "./schemas.ts";
import { checkNameFree, checkParent, lockCategories, nameTaken } from "./tree.ts";

export const UpdateCategoryBody = z
  .strictObject({
    name: CategoryName.optional(),
    description: CategoryDescription.optional(),
    parent_id: ParentId.optional(),
    retention_days: RetentionDays.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    message: "must set at least one of name, description, parent_id, retention_days",
  })
  // At least one field: stated in the document too, so an empty body is a schema violation.
  .openapi("UpdateCategoryRequest", { minProperties: 1 });

export const updateCategoryRoute = createRoute({
  method: "patch",
  path: "/api/v2/categories/{id}",
  tags: ["categories"],
  summary: "Update a category",
  ...guardedBy("categories:manage"),
  request: {
    params: CategoryIdParam,
    body: { required: true, content: { "application/json": { schema: UpdateCategoryBody } } },
  },
  responses: {
    200: {
      description: "the category",
      content: { "application/json": { schema: envelopeOf(CategorySchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export function registerUpdateCategory(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(updateCategoryRoute, async (c) => {
    const { tenant } = caller(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const row = await deps.databases
      .withTenant(tenant.id, async (tx) => {
        await lockCategories(tx, tenant.id);
        const [before] = await tx.select().from(documentCategories).where(eq(documentCategories.id, id));
        if (!before) throw notFound(id);
        if (body.name !== undefined) await checkNameFree(tx, body.name, id);
        if (body.parent_id !== undefined && body.parent_id !== null)
          await checkParent(tx, id, body.parent_id);
        const [after] = await tx
          .update(documentCategories)
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.parent_id !== undefined ? { parentId: body.parent_id } : {}),
            ...(body.retention_days !== undefined ? { retentionDays: body.retention_days } : {}),
            updatedAt: now(c),
          })
          .where(eq(documentCategories.id, id))
          .returning();
        if (!after) throw notFound(id);
        await auditIn(c, deps, tx, tenant.id, {
          action: "category.update",
          resourceType: "category",
          resourceId: id,
          metadata: {
            changed: Object.keys(body).sort(),
            before: categoryView(before),
            after: categoryView(after),
          },
        });
        return after;
      })
      .catch((err: unknown) => {
        if (pgError(err)?.code === "23505" && body.name !== undefined) throw nameTaken(body.name);
        throw err;
      });
    return ok(c, categoryView(row), 200);
  });
}
