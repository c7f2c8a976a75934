// The shapes of rules, findings and results. Framework names are the ComplianceProfile's.
import type { Framework } from "../../../crds/constants.ts";
import type { ComplianceSubject } from "./subject.ts";

export type { Framework };

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHECK_STATUSES = ["passed", "warning", "failed"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface Location {
  start: number;
  end: number;
}

/** What a rule reports; the engine adds the rule's id, severity and remediation. */
export interface RuleFinding {
  message: string;
  location?: Location;
}

export interface Finding {
  rule_id: string;
  severity: Severity;
  message: string;
  location?: Location;
  remediation: string;
}

export interface RuleContext {
  /** The clock for retention rules; checks are repeatable given the same `now`. */
  now: Date;
}

export interface Rule {
  /** Stable across versions: stored findings and reports refer to it. */
  id: string;
  framework: Framework;
  /** The version of the rule set the rule belongs to. */
  version: string;
  title: string;
  severity: Severity;
  /** The clause of the standard the rule reads. */
  reference: string;
  remediation: string;
  check(subject: ComplianceSubject, ctx: RuleContext): RuleFinding[];
}

export interface RuleSet {
  framework: Framework;
  /** The published standard the rules read, e.g. "PCI DSS v4.0.1". */
  standard: string;
  /** Bumped whenever a rule is added, removed or changes meaning: stored scores name it. */
  version: string;
  rules: readonly Rule[];
}

export interface FrameworkResult {
  framework: Framework;
  version: string;
  score: number;
  status: CheckStatus;
  /** Rules evaluated (framework rules plus the profile's document rules). */
  rulesEvaluated: number;
  findings: Finding[];
}
