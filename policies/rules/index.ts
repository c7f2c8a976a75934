export { regionMatches } from "../../crds/region-match.ts";
export { backupRetention } from "./backup-retention.ts";
export { dataResidency } from "./data-residency.ts";
export { deletionProtection } from "./deletion-protection.ts";
export { encryptionAtRest } from "./encryption-at-rest.ts";
export { bindingFrameworks, MANDATORY_BY_FRAMEWORK, ruleLevel } from "./enforcement.ts";
export { logging } from "./logging.ts";
export { noPublicAccess } from "./no-public-access.ts";
export { type RegionRead, resourceCloud, resourceRegion } from "./resource-region.ts";
export { RULES } from "./rules.ts";
export { tlsMinVersion, tlsVersionOf } from "./tls-min-version.ts";
export {
  type ComplianceRule,
  RULE_NAMES,
  type RuleContext,
  type RuleLevel,
  type RuleName,
  type RuleResource,
  type RuleTenant,
  type TenantFinding,
} from "./types.ts";
