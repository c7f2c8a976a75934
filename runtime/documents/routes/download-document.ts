// GET /api/v2/documents/{id}/content (documents:read): the current version's bytes, streamed.
import { createRoute } from "@hono/zod-openapi";
import type { App } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { contentResponse, contentResponses, storedContent } from "../content-response.ts";
import { caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { findVisible } from "../find.ts";
import { DocumentIdParam } from "../params.ts";
import { refuseUnscanned } from "../scan-state.ts";

export const downloadDocumentRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/content",
  tags: ["documents"],
  summary: "Download a document's current content (Range supported)",
  ...guardedBy("documents:read"),
  request: { params: DocumentIdParam },
  responses: contentResponses,
});

export function registerDownloadDocument(app: App, deps: DocumentRouteDeps): void {
  app.openapi(downloadDocumentRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const row = await deps.databases.withTenant(tenant.id, (tx) => findVisible(tx, principal, id, now(c)));
    refuseUnscanned(row);
    return contentResponse(c, deps.driver, storedContent(row, row.name)) as never;
  });
}
