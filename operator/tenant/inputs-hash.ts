// The fingerprint of everything that decides what a `pulumi up` would do for a tenant. When it
// equals status.observedInputsHash (and the tenant is Ready) the reconcile skips Pulumi entirely.
//
// Included: the tenant's tier, cloud, region (not for local, which ignores it), admins, limits
// after tier defaults (so a new operator default reaches tenants that did not pin a value) and
// runtime; and the profile's frameworks (they select the policy packs), encryption, backups,
// retention, network, deletionProtection, pii and documentRules (the runtime is configured from
// them).
// Excluded, because changing them must not start an update: displayName (shown, never
// provisioned), deletionPolicy (read only at deletion), the profile's *name* (two profiles with the
// same content provision the same thing), allowedRegions and allowedTiers (admission checks run by
// preflight on every reconcile, not inputs to the stack), and all metadata and status.
// Sets (admins, frameworks, tags, types) are sorted so that reordering them is not a change.
import { createHash } from "node:crypto";
import { withTierDefaults } from "../../crds/defaults.ts";
import type { ComplianceProfileSpec } from "../../crds/profile-schema.ts";
import type { TenantSpec } from "../../crds/tenant-schema.ts";

/** Bump when the shape below changes: every tenant then runs one update. */
export const INPUTS_HASH_VERSION = 1;

/** JSON with object keys sorted at every level; undefined members dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const obj = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, obj[k]]),
    );
  });
}

const sorted = <T>(values: readonly T[] | undefined): T[] | undefined => values && [...values].sort();

/** Exactly what the hash covers; exported so a test (or a debugging human) can see it. */
export function provisioningInputs(spec: TenantSpec, profile: ComplianceProfileSpec) {
  const t = withTierDefaults(spec);
  return {
    v: INPUTS_HASH_VERSION,
    tenant: {
      tier: t.tier,
      cloud: t.cloud,
      region: t.cloud === "local" ? undefined : t.region,
      admins: sorted(t.admins),
      limits: t.limits,
      runtime: t.runtime,
    },
    profile: {
      frameworks: sorted(profile.frameworks),
      encryption: profile.encryption,
      backups: profile.backups,
      retention: profile.retention,
      network: profile.network,
      deletionProtection: profile.deletionProtection,
      pii: profile.pii,
      documentRules: [...profile.documentRules]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((r) => ({ ...r, requiredTags: sorted(r.requiredTags), allowedTypes: sorted(r.allowedTypes) })),
    },
  };
}

/** sha256 hex of the canonical JSON of provisioningInputs(spec, profile). */
export function inputsHash(spec: TenantSpec, profile: ComplianceProfileSpec): string {
  return createHash("sha256")
    .update(canonicalJson(provisioningInputs(spec, profile)))
    .digest("hex");
}
