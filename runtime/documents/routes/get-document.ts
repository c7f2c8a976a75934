// GET /api/v2/documents/{id} (documents:read): the document's metadata; 404 unless visible.
import { createRoute } from "@hono/zod-openapi";
import { type App, jsonResponse, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { findVisible } from "../find.ts";
import { DocumentIdParam, errorResponses } from "../params.ts";
import { DocumentSchema, documentView } from "../view.ts";

export const getDocumentRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}",
  tags: ["documents"],
  summary: "A document's metadata",
  ...guardedBy("documents:read"),
  request: { params: DocumentIdParam },
  responses: {
    200: jsonResponse("the document", DocumentSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerGetDocument(app: App, deps: DocumentRouteDeps): void {
  app.openapi(getDocumentRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const row = await deps.databases.withTenant(tenant.id, (tx) => findVisible(tx, principal, id, now(c)));
    return ok(c, documentView(row), 200);
  });
}
