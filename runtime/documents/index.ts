// Documents: upload (dedup, crash-safe), download, versions, legal holds and retention, the
// visibility rule, and the orphan sweeper.
export { ALLOWED_CONTENT_TYPES, CONTENT_TYPES } from "./content-types.ts";
export type { DocumentRouteDeps } from "./deps.ts";
export { type DocumentsWiring, documentsWiring, storageConfigFromEnv } from "./from-env.ts";
export { registerDocumentRoutes } from "./routes/index.ts";
export {
  type DocumentSweeper,
  type DocumentSweeperOptions,
  referencedIn,
  startDocumentSweeper,
  sweepTenant,
} from "./sweeper.ts";
export { DocumentSchema, documentView, VersionSchema, versionView } from "./view.ts";
export { editableBy, liveVisible, visibleTo } from "./visibility.ts";
