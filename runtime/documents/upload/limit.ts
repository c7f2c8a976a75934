import { DEFAULT_BODY_LIMITS, type TenantContext } from "../../app/index.ts";
import type { DocumentRouteDeps } from "../deps.ts";

/** The tenant tier's body limit: the same numbers the app's body-limit middleware enforces. */
export function uploadLimit(deps: DocumentRouteDeps, tenant: TenantContext): number {
  return (deps.bodyLimits ?? DEFAULT_BODY_LIMITS)[tenant.tier];
}
