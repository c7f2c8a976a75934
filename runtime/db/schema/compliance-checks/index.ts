export { type ComplianceCheck, complianceChecks, type NewComplianceCheck } from "./compliance-check.ts";
export { COMPLIANCE_FRAMEWORKS, COMPLIANCE_STATUSES } from "./constants.ts";
