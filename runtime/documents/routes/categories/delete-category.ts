// DELETE /api/v2/categories/{id} (categories:manage): removes a category that no live document
// uses (409 naming how many still do). Its sub-categories become top-level (parent_id's ON DELETE
// SET NULL); soft-deleted documents kept for retention are detached from it, since the category
// foreign key would otherwise block the delete forever. Their retain_until is already fixed.
import { createRoute, z } from "@hono/zod-openapi";
import { and, count, eq, isNotNull, isNull } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentCategories, documents } from "../../../db/schema/index.ts";
import { auditIn, caller, type DocumentExtrasDeps, errorResponses, pgError } from "../extras/index.ts";
import { CategoryIdParam, notFound } from "./schemas.ts";
import { lockCategories } from "./tree.ts";

export const deleteCategoryRoute = createRoute({
  method: "delete",
  path: "/api/v2/categories/{id}",
  tags: ["categories"],
  summary: "Delete a category no live document uses",
  ...guardedBy("categories:manage"),
  request: { params: CategoryIdParam },
  responses: {
    200: {
      description: "deleted",
      content: {
        "application/json": { schema: envelopeOf(z.object({ id: z.uuid(), deleted: z.literal(true) })) },
      },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

function inUse(id: string, live: number): ApiError {
  return new ApiError({
    code: "CONFLICT",
    message: `category ${id} still has ${live} live document${live === 1 ? "" : "s"}; move or delete ${live === 1 ? "it" : "them"} first`,
    details: [{ field: "id", message: `${live} live document${live === 1 ? "" : "s"} in this category` }],
  });
}

export function registerDeleteCategory(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(deleteCategoryRoute, async (c) => {
    const { tenant } = caller(c);
    const { id } = c.req.valid("param");
    await deps.databases
      .withTenant(tenant.id, async (tx) => {
        await lockCategories(tx, tenant.id);
        const [before] = await tx
          .select()
          .from(documentCategories)
          .where(eq(documentCategories.id, id))
          .for("update");
        if (!before) throw notFound(id);
        const [live] = await tx
          .select({ n: count() })
          .from(documents)
          .where(and(eq(documents.categoryId, id), isNull(documents.deletedAt)));
        if (live && live.n > 0) throw inUse(id, live.n);
        const detached = await tx
          .update(documents)
          .set({ categoryId: null })
          .where(and(eq(documents.categoryId, id), isNotNull(documents.deletedAt)))
          .returning({ id: documents.id });
        const children = await tx
          .select({ id: documentCategories.id })
          .from(documentCategories)
          .where(eq(documentCategories.parentId, id));
        await tx.delete(documentCategories).where(eq(documentCategories.id, id));
        await auditIn(c, deps, tx, tenant.id, {
          action: "category.delete",
          resourceType: "category",
          resourceId: id,
          metadata: {
            name: before.name,
            children_made_top_level: children.map((ch) => ch.id),
            deleted_documents_detached: detached.length,
          },
        });
      })
      .catch(async (err: unknown) => {
        // A document assigned to the category after the count (a concurrent upload) trips the
        // foreign key: report it the same way, with a fresh count.
        if (pgError(err)?.code === "23503") {
          const [live] = await deps.databases.withTenant(tenant.id, (tx) =>
            tx
              .select({ n: count() })
              .from(documents)
              .where(and(eq(documents.categoryId, id), isNull(documents.deletedAt))),
          );
          throw inUse(id, live?.n ?? 1);
        }
        throw err;
      });
    return ok(c, { id, deleted: true as const }, 200);
  });
}
