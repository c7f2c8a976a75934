// checkCompliance: every requested framework's rules, plus the profile's document rules, over one
// subject. Pure: same subject, options and `now` give the same result.
import { FRAMEWORKS } from "../../../crds/constants.ts";
import type { DocumentRule } from "../../../crds/profile-schema.ts";
import { RULE_SETS } from "./frameworks.ts";
import { appliesTo, checkProfileRule, PROFILE_RULE_SEVERITY, profileRuleId } from "./profile-rules.ts";
import { score, statusOf } from "./scoring.ts";
import type { ComplianceSubject } from "./subject.ts";
import type { Finding, Framework, FrameworkResult } from "./types.ts";

export interface CheckOptions {
  /** The frameworks to check, usually the profile's spec.frameworks. */
  frameworks: readonly Framework[];
  /** The profile's spec.documentRules; they count in every framework's score. */
  profileRules?: readonly DocumentRule[];
  /** Default: the current time. */
  now?: Date;
}

export function checkCompliance(subject: ComplianceSubject, options: CheckOptions): FrameworkResult[] {
  const { frameworks, profileRules = [], now = new Date() } = options;
  const unknown = frameworks.filter((f) => !(FRAMEWORKS as readonly string[]).includes(f));
  if (frameworks.length === 0 || unknown.length > 0) {
    throw new RangeError(
      `frameworks ${JSON.stringify(unknown.length ? unknown : frameworks)} must be a non-empty list from [${FRAMEWORKS.join(", ")}]`,
    );
  }
  const applicable = profileRules.filter((r) => appliesTo(r, subject));
  const profileFindings = applicable.flatMap((r) => checkProfileRule(r, subject));
  const profileEvaluated = applicable.map((r) => ({ id: profileRuleId(r), severity: PROFILE_RULE_SEVERITY }));

  return [...new Set(frameworks)].map((framework) => {
    const set = RULE_SETS[framework];
    const findings: Finding[] = set.rules.flatMap((rule) =>
      rule.check(subject, { now }).map((f) => ({
        rule_id: rule.id,
        severity: rule.severity,
        message: f.message,
        ...(f.location ? { location: f.location } : {}),
        remediation: rule.remediation,
      })),
    );
    findings.push(...profileFindings.map((f) => ({ ...f })));
    const evaluated = [...set.rules, ...profileEvaluated];
    const points = score(evaluated, findings);
    return {
      framework,
      version: set.version,
      score: points,
      status: statusOf(points, findings),
      rulesEvaluated: evaluated.length,
      findings,
    };
  });
}
