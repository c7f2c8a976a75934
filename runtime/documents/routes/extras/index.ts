// What the categories, search, tags and shares routes share. Request context, PostgreSQL error
// unwrapping and the document 404 come from the documents module itself, so every document
// route answers alike.
export { auditIn, caller, now } from "../../context.ts";
export { documentNotFound, pgError } from "../../errors.ts";
export { decodeCursor, encodeCursor, fingerprint } from "./cursor.ts";
export type { DocumentExtrasDeps } from "./deps.ts";
export { invalid } from "./errors.ts";
export { PageQuery, pageOf, pageStart } from "./page.ts";
export { errorResponses } from "./responses.ts";
