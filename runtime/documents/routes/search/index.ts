import type { App } from "../../../app/index.ts";
import type { DocumentExtrasDeps } from "../extras/index.ts";
import { registerSearchDocuments } from "./search-documents.ts";

export { SearchHitSchema, SearchPageSchema } from "./schemas.ts";
export { registerSearchDocuments, SearchDocumentsQuery, searchDocumentsRoute } from "./search-documents.ts";

/**
 * Registers GET /api/v2/documents/search. Register it before GET /api/v2/documents/{id}: Hono
 * tries routes in registration order, and "search" would otherwise reach the {id} route.
 */
export function registerSearchRoutes(deps: DocumentExtrasDeps): (app: App) => void {
  return (app) => registerSearchDocuments(app, deps);
}
