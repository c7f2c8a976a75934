// GET /api/v2/documents/{id}/versions/{version}/content (documents:read): that version's bytes.
import { createRoute } from "@hono/zod-openapi";
import type { App } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { findVersion } from "../../add-version.ts";
import { contentResponse, contentResponses, storedContent } from "../../content-response.ts";
import { caller, now } from "../../context.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { findVisible } from "../../find.ts";
import { VersionParam } from "../../params.ts";
import { refuseUnscanned } from "../../scan-state.ts";

export const downloadVersionRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/versions/{version}/content",
  tags: ["documents"],
  summary: "Download one version's content (Range supported)",
  ...guardedBy("documents:read"),
  request: { params: VersionParam },
  responses: contentResponses,
});

export function registerDownloadVersion(app: App, deps: DocumentRouteDeps): void {
  app.openapi(downloadVersionRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id, version } = c.req.valid("param");
    const { doc, row } = await deps.databases.withTenant(tenant.id, async (tx) => {
      const doc = await findVisible(tx, principal, id, now(c));
      return { doc, row: await findVersion(tx, id, version) };
    });
    refuseUnscanned(doc);
    return contentResponse(c, deps.driver, storedContent(row, doc.name)) as never;
  });
}
