// POST /api/v2/documents/{id}/versions/{version}/restore (documents:write): version n+1 with the
// restored version's bytes (its object is reused) becomes current.
import { createRoute } from "@hono/zod-openapi";
import { type App, jsonResponse } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { addVersion } from "../../add-version.ts";
import { caller } from "../../context.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { errorResponses, VersionParam } from "../../params.ts";
import { DocumentSchema } from "../../view.ts";
import { answerAddedVersion } from "./answer.ts";

export const restoreVersionRoute = createRoute({
  method: "post",
  path: "/api/v2/documents/{id}/versions/{version}/restore",
  tags: ["documents"],
  summary: "Restore an older version as the new current one",
  ...guardedBy("documents:write"),
  request: { params: VersionParam },
  responses: {
    200: jsonResponse("that version is already current: the document, unchanged", DocumentSchema),
    201: jsonResponse("the document with its new current version", DocumentSchema),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function registerRestoreVersion(app: App, deps: DocumentRouteDeps): void {
  app.openapi(restoreVersionRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id, version } = c.req.valid("param");
    const added = await addVersion(c, deps, { tenant, principal, id, source: { kind: "restore", version } });
    return answerAddedVersion(c, deps, tenant, added, { change: "restore", restored_version: version });
  });
}
