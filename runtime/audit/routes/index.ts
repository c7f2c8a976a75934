import type { App } from "../../app/index.ts";
import type { AuditRouteDeps } from "./deps.ts";
import { registerListAudit } from "./list-audit.ts";
import { registerVerifyAudit } from "./verify-audit.ts";

export type { AuditRouteDeps } from "./deps.ts";
export {
  AuditEntrySchema,
  AuditPageSchema,
  ListAuditQuery,
  listAuditRoute,
  registerListAudit,
} from "./list-audit.ts";
export { registerVerifyAudit, VerifyResultSchema, verifyAuditRoute } from "./verify-audit.ts";

/** Registers GET /api/v2/audit/verify and GET /api/v2/audit. */
export function registerAuditRoutes(deps: AuditRouteDeps): (app: App) => void {
  return (app) => {
    registerVerifyAudit(app, deps);
    registerListAudit(app, deps);
  };
}
