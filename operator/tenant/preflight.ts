// Checks a valid Tenant spec against its ComplianceProfile before anything is provisioned, so that
// a request the profile forbids fails in a second with a message, not halfway through a stack.
//
// The rules, and why each one exists:
// - TierNotAllowed: profile.allowedTiers, when present, lists the only tiers it admits.
// - CloudNotAllowed, RegionNotAllowed, CustomerManagedKeysUnavailable, DeletionPolicyNotAllowed:
//   what the compliance rules (policies/rules: data-residency, encryption-at-rest,
//   deletion-protection) find in the request itself. The same rules then check every resource the
//   program creates, in the policy pack passed to each `up`; each message names its rule.

import { type Problem, summarize } from "../../crds/problems.ts";
import type { ComplianceProfileSpec } from "../../crds/profile-schema.ts";
import type { TenantSpec } from "../../crds/tenant-schema.ts";
import { tenantFindings } from "../../policies/evaluate.ts";

export { regionMatches } from "../../crds/region-match.ts";

const list = (values: readonly string[]) => `[${values.join(", ")}]`;

export function preflight(
  spec: Pick<TenantSpec, "tier" | "cloud" | "region" | "complianceProfile" | "deletionPolicy">,
  profile: ComplianceProfileSpec,
): Problem[] {
  const by = `ComplianceProfile ${spec.complianceProfile}`;
  const problems: Problem[] = [];

  if (profile.allowedTiers && !profile.allowedTiers.includes(spec.tier)) {
    problems.push({
      field: "spec.tier",
      reason: "TierNotAllowed",
      message: `spec.tier "${spec.tier}" not allowed by ${by}: allowed ${list(profile.allowedTiers)}`,
    });
  }

  const rules = tenantFindings({ profileName: spec.complianceProfile, profile, tenant: spec });
  for (const { field, reason, message } of rules) problems.push({ field, reason, message });
  return problems;
}

/** The tenant names a profile that does not exist; `existing` (if known) is listed, up to 10. */
export function profileNotFound(name: string, existing: readonly string[] = []): Problem {
  const known = [...existing].sort();
  const shown = known.length > 10 ? [...known.slice(0, 10), "..."] : known;
  return {
    field: "spec.complianceProfile",
    reason: "ProfileNotFound",
    message: `spec.complianceProfile "${name}" not found: existing profiles ${list(shown)}`,
  };
}

/** The named profile exists but its spec does not validate (e.g. written before a schema change). */
export function profileInvalid(name: string, problems: readonly Problem[]): Problem {
  return {
    field: "spec.complianceProfile",
    reason: "ProfileInvalid",
    message: `spec.complianceProfile "${name}" is invalid: ${summarize(problems)}`,
  };
}
