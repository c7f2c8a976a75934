export { type DocumentVersion, documentVersions, type NewDocumentVersion } from "./document-version.ts";
