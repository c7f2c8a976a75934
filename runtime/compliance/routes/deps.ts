import type { AuditKey } from "../../audit/index.ts";
import type { TenantPolicy } from "../../pipeline/handlers/deps.ts";
import type { ComplianceRunDeps } from "../check/index.ts";

/** What the /api/v2/compliance routes need. */
export interface ComplianceRouteDeps extends ComplianceRunDeps {
  /** The tenant's ComplianceProfile (frameworks, PII mode, document rules), as the pipeline reads it. */
  policyFor(tenantId: string): TenantPolicy;
  /** HMAC key(s) of each tenant's audit chain (runtime/audit AuditKey). */
  auditKey?: AuditKey;
  /** Key that signs list cursors. @default a random key per process (extras/cursor.ts) */
  cursorKey?: string;
}
