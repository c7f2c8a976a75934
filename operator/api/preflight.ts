// Checks a valid Tenant spec against its ComplianceProfile before anything is provisioned, so that
// a request the profile forbids fails in a second with a message, not halfway through a stack.
//
// The rules, and why each one exists:
// - TierNotAllowed: profile.allowedTiers, when present, lists the only tiers it admits.
// - CloudNotAllowed: a cloud absent from profile.allowedRegions is not allowed at all (data
//   residency is declared per cloud, so an unlisted cloud has no allowed region).
// - RegionNotAllowed: the region must match one of the cloud's patterns (`eu-*` is a prefix).
//   The local cloud has no regions: its key only has to be present.
// - CustomerManagedKeysUnavailable: profile.encryption.customerManagedKeys needs keys dedicated to
//   the tenant. Only the enterprise silo has its own keys (pooled tiers share the platform's), and
//   the local target has no key management service.
// - DeletionPolicyNotAllowed: profile.deletionProtection means the operator never destroys the
//   tenant's infrastructure, so the tenant must say deletionPolicy Retain.
import { CLOUDS } from "./constants.ts";
import { type Problem, show, summarize } from "./problems.ts";
import type { ComplianceProfileSpec } from "./profile-schema.ts";
import type { TenantSpec } from "./tenant-schema.ts";

/** `*` matches every region, `eu-*` every region starting with `eu-`, anything else itself. */
export function regionMatches(region: string, pattern: string): boolean {
  return pattern.endsWith("*") ? region.startsWith(pattern.slice(0, -1)) : region === pattern;
}

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

  const regions = profile.allowedRegions[spec.cloud];
  if (!regions) {
    const clouds = CLOUDS.filter((c) => profile.allowedRegions[c]);
    problems.push({
      field: "spec.cloud",
      reason: "CloudNotAllowed",
      message: `spec.cloud "${spec.cloud}" not allowed by ${by}: allowed ${list(clouds)}`,
    });
  } else if (spec.cloud !== "local" && !regions.some((p) => spec.region && regionMatches(spec.region, p))) {
    problems.push({
      field: "spec.region",
      reason: "RegionNotAllowed",
      message: `spec.region ${show(spec.region)} not in ${list(regions)} (allowed by ${by} for ${spec.cloud})`,
    });
  }

  if (profile.encryption.customerManagedKeys) {
    const why = `${by} requires customer-managed keys (spec.encryption.customerManagedKeys)`;
    if (spec.cloud === "local") {
      problems.push({
        field: "spec.cloud",
        reason: "CustomerManagedKeysUnavailable",
        message: `spec.cloud "local" has no key management service; ${why}: allowed [aws, azure, gcp]`,
      });
    }
    if (spec.tier !== "enterprise") {
      problems.push({
        field: "spec.tier",
        reason: "CustomerManagedKeysUnavailable",
        message: `spec.tier "${spec.tier}" shares the platform's keys; ${why}: allowed [enterprise]`,
      });
    }
  }

  if (profile.deletionProtection && spec.deletionPolicy !== "Retain") {
    problems.push({
      field: "spec.deletionPolicy",
      reason: "DeletionPolicyNotAllowed",
      message: `spec.deletionPolicy "${spec.deletionPolicy}" not allowed by ${by} (deletionProtection: true): allowed [Retain]`,
    });
  }
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
