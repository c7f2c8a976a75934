// POST /api/v2/categories (categories:manage): a new category of the caller's tenant. 409 naming
// `name` when it is taken; 400 naming `parent_id` when the parent is not this tenant's.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentCategories } from "../../../db/schema/index.ts";
import { auditIn, caller, type DocumentExtrasDeps, errorResponses, now, pgError } from "../extras/index.ts";
import {
  CategoryDescription,
  CategoryName,
  CategorySchema,
  categoryView,
  ParentId,
  RetentionDays,
} from "./schemas.ts";
import { checkNameFree, checkParent, lockCategories, nameTaken } from "./tree.ts";

export const CreateCategoryBody = z
  .strictObject({
    name: CategoryName,
    description: CategoryDescription.default(""),
    parent_id: ParentId.default(null),
    retention_days: RetentionDays.default(null),
  })
  .openapi("CreateCategoryRequest");

export const createCategoryRoute = createRoute({
  method: "post",
  path: "/api/v2/categories",
  tags: ["categories"],
  summary: "Create a document category",
  ...guardedBy("categories:manage"),
  request: { body: { required: true, content: { "application/json": { schema: CreateCategoryBody } } } },
  responses: {
    201: {
      description: "the category",
      content: { "application/json": { schema: envelopeOf(CategorySchema) } },
    },
    ...errorResponses(400, 401, 403, 409, 422),
  },
});

export function registerCreateCategory(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(createCategoryRoute, async (c) => {
    const { tenant } = caller(c);
    const body = c.req.valid("json");
    const at = now(c);
    const row = await deps.databases
      .withTenant(tenant.id, async (tx) => {
        await lockCategories(tx, tenant.id);
        await checkNameFree(tx, body.name);
        if (body.parent_id !== null) await checkParent(tx, undefined, body.parent_id);
        const [created] = await tx
          .insert(documentCategories)
          .values({
            tenantId: tenant.id,
            name: body.name,
            description: body.description,
            parentId: body.parent_id,
            retentionDays: body.retention_days,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        if (!created) throw new Error("category insert returned no row");
        await auditIn(c, deps, tx, tenant.id, {
          action: "category.create",
          resourceType: "category",
          resourceId: created.id,
          metadata: {
            name: created.name,
            parent_id: created.parentId,
            retention_days: created.retentionDays,
          },
        });
        return created;
      })
      .catch((err: unknown) => {
        // The unique index is the last word should anything bypass the lock.
        if (pgError(err)?.code === "23505") throw nameTaken(body.name);
        throw err;
      });
    return ok(c, categoryView(row), 201);
  });
}
