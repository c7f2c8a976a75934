// The document routes beyond a document's own lifecycle: categories, search, tags and shares.
import type { App } from "../../app/index.ts";
import { registerCategoryRoutes } from "./categories/index.ts";
import type { DocumentExtrasDeps } from "./extras/index.ts";
import { registerSearchRoutes } from "./search/index.ts";
import { registerShareRoutes } from "./shares/index.ts";
import { registerTagRoutes } from "./tags/index.ts";

export type { DocumentExtrasDeps } from "./extras/index.ts";
export { registerSearchRoutes } from "./search/index.ts";

/**
 * Registers /api/v2/categories, /api/v2/documents/search, /api/v2/tags and
 * /api/v2/documents/{id}/shares. Put it before the document routes (registerDocumentRoutes):
 * /documents/search must be matched before /documents/{id}.
 *
 * @example
 * createApp({ ..., routes: [registerDocumentExtras(deps), registerDocumentRoutes(deps)] })
 */
export function registerDocumentExtras(deps: DocumentExtrasDeps): (app: App) => void {
  const routes = [
    registerSearchRoutes(deps),
    registerCategoryRoutes(deps),
    registerTagRoutes(deps),
    registerShareRoutes(deps),
  ];
  return (app) => {
    for (const register of routes) register(app);
  };
}
