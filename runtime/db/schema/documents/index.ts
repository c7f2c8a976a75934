export { DOCUMENT_STATUSES } from "./constants.ts";
export { type Document, documents, type NewDocument } from "./document.ts";
