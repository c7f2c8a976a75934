// GET /api/v2/documents/{id}/versions/{version} (documents:read): one version's metadata.
import { createRoute } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { findVersion } from "../../add-version.ts";
import { caller, now } from "../../context.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { findVisible } from "../../find.ts";
import { errorResponses, VersionParam } from "../../params.ts";
import { VersionSchema, versionView } from "../../view.ts";

export const getVersionRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/versions/{version}",
  tags: ["documents"],
  summary: "One version of a document",
  ...guardedBy("documents:read"),
  request: { params: VersionParam },
  responses: {
    200: {
      description: "the version",
      content: { "application/json": { schema: envelopeOf(VersionSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerGetVersion(app: App, deps: DocumentRouteDeps): void {
  app.openapi(getVersionRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id, version } = c.req.valid("param");
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      await findVisible(tx, principal, id, now(c));
      return findVersion(tx, id, version);
    });
    return ok(c, versionView(row), 200);
  });
}
