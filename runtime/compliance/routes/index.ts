import type { App } from "../../app/index.ts";
import type { ComplianceRouteDeps } from "./deps.ts";
import { registerGetPolicies } from "./get-policies.ts";
import { registerGetReport } from "./get-report.ts";
import { registerListChecks } from "./list-checks.ts";
import { registerListFrameworks } from "./list-frameworks.ts";
import { registerRunCheck } from "./run-check.ts";

export type { ComplianceRouteDeps } from "./deps.ts";
export { getPoliciesRoute, PoliciesSchema } from "./get-policies.ts";
export { getReportRoute, ReportQuery, ReportSchema } from "./get-report.ts";
export { CheckPageSchema, ListChecksQuery, listChecksRoute } from "./list-checks.ts";
export { FrameworkSchema, listFrameworksRoute } from "./list-frameworks.ts";
export { RunCheckBody, runCheckRoute } from "./run-check.ts";

/** Registers /api/v2/compliance/* (check, checks, frameworks, reports, policies). */
export function registerComplianceRoutes(deps: ComplianceRouteDeps): (app: App) => void {
  return (app) => {
    registerRunCheck(app, deps);
    registerListChecks(app, deps);
    registerListFrameworks(app);
    registerGetReport(app, deps);
    registerGetPolicies(app, deps);
  };
}
