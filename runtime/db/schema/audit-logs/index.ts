export {
  type AuditChainHead,
  type AuditLog,
  auditChainHeads,
  auditLogs,
  type NewAuditLog,
} from "./audit-log.ts";
