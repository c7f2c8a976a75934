export {
  type AuditEntry,
  type AuditKey,
  type AuditOptions,
  type AuditQuery,
  type AuditRecord,
  appendAudit,
  type BrokenLink,
  listAudit,
  type VerifyResult,
  verifyAudit,
} from "./audit-log.ts";
export { decodeCursor, encodeCursor } from "./cursor.ts";
export { canonicalJson, canonicalRow, GENESIS_HASH, type HashedFields, rowHash } from "./hash.ts";
export { derivedAuditKey, type TenantAuditKeysOptions, tenantAuditKeys } from "./keys.ts";
export { entryFromContext } from "./record.ts";
export {
  AuditEntrySchema,
  AuditPageSchema,
  type AuditRouteDeps,
  ListAuditQuery,
  registerAuditRoutes,
  VerifyResultSchema,
} from "./routes/index.ts";
