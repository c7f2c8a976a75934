import type { App } from "../../app/index.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { registerDeleteDocument } from "./delete-document.ts";
import { registerDownloadDocument } from "./download-document.ts";
import { registerExtendRetention } from "./extend-retention.ts";
import { registerGetDocument } from "./get-document.ts";
import { registerGetProcessing } from "./get-processing.ts";
import { registerListDocuments } from "./list-documents.ts";
import { registerReleaseLegalHold } from "./release-legal-hold.ts";
import { registerSetLegalHold } from "./set-legal-hold.ts";
import { registerUpdateDocument } from "./update-document.ts";
import { registerUploadDocument } from "./upload-document.ts";
import { registerVersionRoutes } from "./versions/index.ts";

export { deleteDocumentRoute } from "./delete-document.ts";
export { downloadDocumentRoute } from "./download-document.ts";
export { ExtendRetentionBody, extendRetentionRoute } from "./extend-retention.ts";
export { getDocumentRoute } from "./get-document.ts";
export { getProcessingRoute, ProcessingSchema } from "./get-processing.ts";
export { DocumentPageSchema, ListDocumentsQuery, listDocumentsRoute } from "./list-documents.ts";
export { releaseLegalHoldRoute } from "./release-legal-hold.ts";
export { SetLegalHoldBody, setLegalHoldRoute } from "./set-legal-hold.ts";
export { UpdateDocumentBody, updateDocumentRoute } from "./update-document.ts";
export { uploadDocumentRoute } from "./upload-document.ts";
export * from "./versions/index.ts";

/**
 * Registers the /api/v2/documents routes. Register routes with fixed segments under
 * /api/v2/documents/ (search, …) before these: Hono tries routes in registration order and
 * /documents/{id} would otherwise answer them with "id must be a uuid".
 */
export function registerDocumentRoutes(deps: DocumentRouteDeps): (app: App) => void {
  return (app) => {
    registerUploadDocument(app, deps);
    registerListDocuments(app, deps);
    registerGetDocument(app, deps);
    registerGetProcessing(app, deps);
    registerDownloadDocument(app, deps);
    registerUpdateDocument(app, deps);
    registerDeleteDocument(app, deps);
    registerSetLegalHold(app, deps);
    registerReleaseLegalHold(app, deps);
    registerExtendRetention(app, deps);
    registerVersionRoutes(app, deps);
  };
}
