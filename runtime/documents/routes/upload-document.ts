// POST /api/v2/documents (documents:write): multipart/form-data with a `file` part, or a raw body
// of an allowed type with ?name=. 201 with the new document; 200 with `deduplicated: true` when
// identical bytes are already stored (nothing new is written).
import { createRoute } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { ALLOWED_CONTENT_TYPES } from "../content-types.ts";
import { caller } from "../context.ts";
import { createDocument } from "../create-document.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { emit } from "../events.ts";
import { errorResponses } from "../params.ts";
import { checkFile, DocumentFields, parseFields, readUpload, uploadLimit } from "../upload/index.ts";
import { documentView, UploadedDocumentSchema } from "../view.ts";

export const uploadDocumentRoute = createRoute({
  method: "post",
  path: "/api/v2/documents",
  tags: ["documents"],
  summary: "Upload a document",
  description: `multipart/form-data: a \`file\` part plus optional fields name, description, category_id, tags (repeated or comma separated), metadata (a JSON object). Or a raw body with the same fields as query parameters (name required). Allowed content types: ${ALLOWED_CONTENT_TYPES.join(", ")}.`,
  ...guardedBy("documents:write"),
  responses: {
    200: {
      description: "identical bytes already stored: that document, deduplicated: true",
      content: { "application/json": { schema: envelopeOf(UploadedDocumentSchema) } },
    },
    201: {
      description: "the new document",
      content: { "application/json": { schema: envelopeOf(UploadedDocumentSchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

export function registerUploadDocument(app: App, deps: DocumentRouteDeps): void {
  app.openapi(uploadDocumentRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const upload = await readUpload(c, uploadLimit(deps, tenant), deps.spoolDir);
    try {
      const fields = parseFields(DocumentFields, upload.fields);
      const file = checkFile(upload, fields.name);
      const screened = await deps.hooks?.screen?.({
        tenantId: tenant.id,
        path: upload.file.path,
        contentType: file.contentType,
        size: upload.file.size,
        kind: "document",
        name: file.name,
        sha256: upload.file.sha256,
        context: c,
      });
      const { document, deduplicated } = await createDocument(c, deps, {
        tenant,
        principal,
        file: upload.file,
        name: file.name,
        contentType: file.contentType,
        fields,
        ...(screened?.virusScan ? { virusScan: screened.virusScan } : {}),
      });
      if (!deduplicated) {
        await emit(c, deps.hooks, {
          type: "document.created",
          tenantId: tenant.id,
          documentId: document.id,
          version: document.currentVersion,
          data: {
            name: document.name,
            content_type: document.contentType,
            size_bytes: document.sizeBytes,
            status: document.status,
            ...(document.virusScan ? { virus_scan: document.virusScan } : {}),
          },
        });
      }
      const data = { ...documentView(document), deduplicated };
      return deduplicated ? ok(c, data, 200) : ok(c, data, 201);
    } finally {
      await upload.file.remove();
    }
  });
}
