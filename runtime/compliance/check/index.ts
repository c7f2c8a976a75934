export {
  type ComplianceRun,
  type ComplianceRunDeps,
  type ComplianceRunOptions,
  type ComplianceRunRef,
  runComplianceCheck,
} from "./run-check.ts";
