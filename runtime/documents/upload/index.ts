export { uploadLimit } from "./limit.ts";
export { type ReadUpload, readUpload } from "./read-upload.ts";
export { type Spooled, spool } from "./spool.ts";
export { type CheckedFile, checkFile, DocumentFields, parseFields, VersionFields } from "./upload-fields.ts";
