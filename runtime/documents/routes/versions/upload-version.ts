// POST /api/v2/documents/{id}/versions (documents:write): new bytes become version n+1 (the same
// upload forms as POST /documents, plus `comment`). Bytes equal to the current version: 200 and
// nothing new.
import { createRoute } from "@hono/zod-openapi";
import { type App, jsonResponse } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { addVersion } from "../../add-version.ts";
import { caller, now } from "../../context.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { findVisible } from "../../find.ts";
import { DocumentIdParam, errorResponses } from "../../params.ts";
import { refuseUnscanned } from "../../scan-state.ts";
import { checkFile, parseFields, readUpload, uploadLimit, VersionFields } from "../../upload/index.ts";
import { DocumentSchema } from "../../view.ts";
import { answerAddedVersion } from "./answer.ts";

export const uploadVersionRoute = createRoute({
  method: "post",
  path: "/api/v2/documents/{id}/versions",
  tags: ["documents"],
  summary: "Upload a new version",
  description:
    "multipart/form-data with a `file` part (optional name, comment) or a raw body (optional ?name=, ?comment=).",
  ...guardedBy("documents:write"),
  request: { params: DocumentIdParam },
  responses: {
    200: jsonResponse("the bytes equal the current version: the document, unchanged", DocumentSchema),
    201: jsonResponse("the document with its new current version", DocumentSchema),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 503),
  },
});

export function registerUploadVersion(app: App, deps: DocumentRouteDeps): void {
  app.openapi(uploadVersionRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    // Before reading the body: an invisible document is 404 whatever was sent.
    const current = await deps.databases.withTenant(tenant.id, (tx) =>
      findVisible(tx, principal, id, now(c)),
    );
    refuseUnscanned(current);
    const upload = await readUpload(c, uploadLimit(deps, tenant), deps.spoolDir);
    try {
      const fields = parseFields(VersionFields, upload.fields);
      const file = checkFile(upload, fields.name ?? upload.fileName ?? current.name);
      await deps.hooks?.screen?.({
        tenantId: tenant.id,
        path: upload.file.path,
        contentType: file.contentType,
        size: upload.file.size,
        kind: "version",
        documentId: id,
        name: file.name,
        sha256: upload.file.sha256,
        context: c,
      });
      const added = await addVersion(c, deps, {
        tenant,
        principal,
        id,
        source: {
          kind: "upload",
          file: upload.file,
          contentType: file.contentType,
          ...(fields.name ? { name: fields.name } : {}),
          ...(fields.comment ? { comment: fields.comment } : {}),
        },
      });
      return await answerAddedVersion(c, deps, tenant, added, { change: "version" });
    } finally {
      await upload.file.remove();
    }
  });
}
