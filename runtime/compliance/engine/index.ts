export { type CheckOptions, checkCompliance } from "./engine.ts";
export {
  ALL_RULES,
  type FrameworkInfo,
  frameworkFromStored,
  frameworks,
  RULE_SETS,
  type StoredFramework,
  storedFramework,
} from "./frameworks.ts";
export { checkProfileRule, PROFILE_RULE_SEVERITY, profileRuleId } from "./profile-rules.ts";
export {
  type ComplianceReport,
  complianceReport,
  REPORT_INTERVALS,
  type ReportInterval,
  type ReportOptions,
  type StatusCounts,
  type StoredCheck,
} from "./report.ts";
export { SEVERITY_WEIGHTS, STATUS_THRESHOLDS, score, statusOf } from "./scoring.ts";
export { MIN_ENTITY_CONFIDENCE } from "./signals.ts";
export {
  type ComplianceSubject,
  type ComplianceSubjectInput,
  ComplianceSubjectSchema,
  type EntitySpan,
  EntitySpanSchema,
  parseSubject,
  type SubjectMetadata,
} from "./subject.ts";
export { type DocumentFacts, subjectFromDocument } from "./subject-from-document.ts";
export {
  CHECK_STATUSES,
  type CheckStatus,
  type Finding,
  type Framework,
  type FrameworkResult,
  type Location,
  type Rule,
  type RuleFinding,
  type RuleSet,
  SEVERITIES,
  type Severity,
} from "./types.ts";
