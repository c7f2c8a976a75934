export { DOCUMENT_STATUSES, VIRUS_SCAN_STATES, type VirusScanState } from "./constants.ts";
export { type Document, documents, type NewDocument } from "./document.ts";
