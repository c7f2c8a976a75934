// Which rules each framework makes mandatory. A rule is mandatory when any of the profile's
// frameworks lists it (or, for deletion protection, when the profile asks for it outright), and
// advisory otherwise: the engine then reports it without failing the update.
import type { Framework } from "../../crds/constants.ts";
import type { ComplianceProfileSpec } from "../../crds/profile-schema.ts";
import type { RuleLevel, RuleName } from "./types.ts";

/**
 * GDPR Art. 44-49 (transfers) make residency binding; HIPAA §164.312 and PCI DSS 3/4/10 bind
 * encryption at rest and in transit and audit logs; SOX §404/§802 bind records kept and not lost
 * (backups, logs, deletion protection); SOC 2 CC6/CC7/A1 bind access, monitoring and recovery.
 */
export const MANDATORY_BY_FRAMEWORK: Readonly<Record<Framework, readonly RuleName[]>> = {
  GDPR: ["data-residency", "encryption-at-rest", "no-public-access"],
  HIPAA: ["encryption-at-rest", "tls-min-version", "backup-retention", "logging", "no-public-access"],
  "PCI-DSS": ["encryption-at-rest", "tls-min-version", "logging", "no-public-access"],
  SOX: ["backup-retention", "logging", "deletion-protection"],
  SOC2: ["logging", "backup-retention", "no-public-access"],
};

export function ruleLevel(
  rule: RuleName,
  profile: Pick<ComplianceProfileSpec, "frameworks" | "deletionProtection">,
): RuleLevel {
  if (rule === "deletion-protection" && profile.deletionProtection) return "mandatory";
  return profile.frameworks.some((f) => MANDATORY_BY_FRAMEWORK[f].includes(rule)) ? "mandatory" : "advisory";
}

/** The frameworks that make a rule mandatory for this profile (for messages and the pack's metadata). */
export function bindingFrameworks(
  rule: RuleName,
  profile: Pick<ComplianceProfileSpec, "frameworks">,
): Framework[] {
  return profile.frameworks.filter((f) => MANDATORY_BY_FRAMEWORK[f].includes(rule));
}
