// GET /api/v2/documents/{id}/versions/{version}/content (documents:read): that version's bytes.
import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { findVersion } from "../../add-version.ts";
import { contentResponse } from "../../content-response.ts";
import { caller, now } from "../../context.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { findVisible } from "../../find.ts";
import { errorResponses, VersionParam } from "../../params.ts";

export const downloadVersionRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/versions/{version}/content",
  tags: ["documents"],
  summary: "Download one version's content (Range supported)",
  ...guardedBy("documents:read"),
  request: { params: VersionParam },
  responses: {
    200: { description: "the bytes", content: { "application/octet-stream": { schema: z.string() } } },
    206: {
      description: "the requested range",
      content: { "application/octet-stream": { schema: z.string() } },
    },
    304: { description: "If-None-Match matched the ETag" },
    ...errorResponses(400, 401, 403, 404, 416),
  },
});

export function registerDownloadVersion(app: App, deps: DocumentRouteDeps): void {
  app.openapi(downloadVersionRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id, version } = c.req.valid("param");
    const { doc, row } = await deps.databases.withTenant(tenant.id, async (tx) => {
      const doc = await findVisible(tx, principal, id, now(c));
      return { doc, row: await findVersion(tx, id, version) };
    });
    return contentResponse(c, deps.driver, {
      key: row.storageKey,
      name: doc.name,
      contentType: row.contentType,
      size: row.sizeBytes,
      sha256: row.checksumSha256,
    }) as never;
  });
}
