// PATCH /api/v2/documents/{id} (documents:write): name, description, tags, category, metadata.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, jsonResponse, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { documents } from "../../db/schema/index.ts";
import { findCategory } from "../category.ts";
import { auditDocument, caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { invalid } from "../errors.ts";
import { emit } from "../events.ts";
import { findEditable } from "../find.ts";
import { DocumentName, Metadata, Tags } from "../names.ts";
import { DocumentIdParam, errorResponses } from "../params.ts";
import { DocumentSchema, documentView } from "../view.ts";

export const UpdateDocumentBody = z
  .strictObject({
    name: DocumentName.optional(),
    description: z.string().max(10_000, "must be at most 10000 characters").optional(),
    tags: Tags.optional(),
    category_id: z.uuid("must be a uuid or null").nullable().optional(),
    metadata: Metadata.optional(),
  })
  // At least one field: stated in the document too, so an empty body is a schema violation.
  .openapi("UpdateDocumentRequest", { minProperties: 1 });

export const updateDocumentRoute = createRoute({
  method: "patch",
  path: "/api/v2/documents/{id}",
  tags: ["documents"],
  summary: "Change a document's metadata",
  ...guardedBy("documents:write"),
  request: {
    params: DocumentIdParam,
    body: { required: true, content: { "application/json": { schema: UpdateDocumentBody } } },
  },
  responses: {
    200: jsonResponse("the document", DocumentSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerUpdateDocument(app: App, deps: DocumentRouteDeps): void {
  app.openapi(updateDocumentRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    if (Object.keys(body).length === 0) throw invalid("body", "name at least one field to change");
    const at = now(c);
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      await findEditable(tx, principal, id, at);
      if (body.category_id) await findCategory(tx, body.category_id);
      const [after] = await tx
        .update(documents)
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.tags !== undefined ? { tags: body.tags } : {}),
          ...(body.category_id !== undefined ? { categoryId: body.category_id } : {}),
          ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
          updatedAt: at,
        })
        .where(eq(documents.id, id))
        .returning();
      if (!after) throw new Error(`document ${id} vanished under its lock`);
      await auditDocument(c, deps, tx, tenant.id, id, "document.update", { fields: Object.keys(body) });
      return after;
    });
    await emit(c, deps.hooks, {
      type: "document.updated",
      tenantId: tenant.id,
      documentId: id,
      data: { change: "metadata", fields: Object.keys(body) },
    });
    return ok(c, documentView(row), 200);
  });
}
