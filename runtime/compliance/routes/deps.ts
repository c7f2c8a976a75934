import type { TenantPolicy } from "../../pipeline/handlers/deps.ts";
import type { ComplianceRunDeps } from "../check/index.ts";

/** What the /api/v2/compliance routes need. */
export interface ComplianceRouteDeps extends ComplianceRunDeps {
  /** The tenant's ComplianceProfile (frameworks, PII mode, document rules), as the pipeline reads it. */
  policyFor(tenantId: string): TenantPolicy;
  /** HMAC key of the audit chain, if one is configured (runtime/audit). */
  auditKey?: string;
  /** Key that signs list cursors (only makes an edited cursor detectable). */
  cursorKey?: string;
}
