// DELETE /api/v2/documents/{id} (documents:delete): a soft delete, refused (409) while a legal
// hold or retention applies. Objects stay in storage: retention is about the bytes.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, jsonResponse, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { documents } from "../../db/schema/index.ts";
import { findCategory } from "../category.ts";
import { auditDocument, caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { conflict } from "../errors.ts";
import { emit } from "../events.ts";
import { findEditable } from "../find.ts";
import { DocumentIdParam, errorResponses } from "../params.ts";
import { deletionBlocker } from "../retention.ts";
import { DocumentSchema, documentView } from "../view.ts";

export const deleteDocumentRoute = createRoute({
  method: "delete",
  path: "/api/v2/documents/{id}",
  tags: ["documents"],
  summary: "Delete a document (soft; refused under legal hold or retention)",
  ...guardedBy("documents:delete"),
  request: { params: DocumentIdParam },
  responses: {
    200: jsonResponse("the deleted document", DocumentSchema),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function registerDeleteDocument(app: App, deps: DocumentRouteDeps): void {
  app.openapi(deleteDocumentRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const at = now(c);
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      const doc = await findEditable(tx, principal, id, at);
      const category = doc.categoryId ? await findCategory(tx, doc.categoryId) : undefined;
      const blocker = deletionBlocker(doc, category, at);
      if (blocker) throw conflict(blocker.field, `document ${id} cannot be deleted: ${blocker.message}`);
      const [after] = await tx
        .update(documents)
        .set({ deletedAt: at, updatedAt: at })
        .where(eq(documents.id, id))
        .returning();
      if (!after) throw new Error(`document ${id} vanished under its lock`);
      await auditDocument(c, deps, tx, tenant.id, id, "document.delete", { name: doc.name });
      return after;
    });
    await emit(c, deps.hooks, {
      type: "document.deleted",
      tenantId: tenant.id,
      documentId: id,
      data: { name: row.name },
    });
    return ok(c, documentView(row), 200);
  });
}
