// GET /api/v2/documents/{id}/shares (documents:share): the document's active shares, oldest first.
import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import { type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentPermissions } from "../../../db/schema/index.ts";
import { caller, type DocumentExtrasDeps, errorResponses, now } from "../extras/index.ts";
import { activeAt, DocumentParams, ShareSchema, shareView, visibleDocument } from "./schemas.ts";

export const ShareListSchema = z.object({ items: z.array(ShareSchema) }).openapi("ShareList");

export const listSharesRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/shares",
  tags: ["documents"],
  summary: "List a document's active shares",
  ...guardedBy("documents:share"),
  request: { params: DocumentParams },
  responses: {
    200: {
      description: "the active shares (not revoked, not expired)",
      content: { "application/json": { schema: envelopeOf(ShareListSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerListShares(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(listSharesRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const at = now(c);
    const rows = await deps.databases.withTenant(tenant.id, async (tx) => {
      await visibleDocument(tx, principal, id, at);
      return tx
        .select()
        .from(documentPermissions)
        .where(and(eq(documentPermissions.documentId, id), activeAt(at)))
        .orderBy(asc(documentPermissions.createdAt), asc(documentPermissions.id));
    });
    return ok(c, { items: rows.map(shareView) }, 200);
  });
}
