// What a cloud stack reads from a ComplianceProfile, resolved once against the tenant's tier and
// region. The profile's schema is the API package's (crds/): a stack never re-declares it. The
// stack refuses a region outside the profile even though the operator's preflight already did: a
// program run from the CLI (`pulumi preview` with stack config) has no preflight in front of it.
import type { Cloud, Framework, Tier, TlsVersion } from "../../crds/constants.ts";
import { parseComplianceProfileSpec } from "../../crds/parse.ts";
import { summarize } from "../../crds/problems.ts";
import type { ComplianceProfileSpec, ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import { regionMatches } from "../../crds/region-match.ts";
import type { TenantSpec } from "../../crds/tenant-schema.ts";
import { tierSizing } from "./sizing.ts";

/**
 * Frameworks read as "records must be write-once for their retention period" (SOX §802 / SEC
 * 17a-4 style WORM storage): the document bucket gets object lock.
 */
export const FRAMEWORKS_REQUIRING_WORM: readonly Framework[] = ["SOX"];

export interface ObjectLockSettings {
  readonly enabled: boolean;
  /**
   * GOVERNANCE, not COMPLIANCE: a COMPLIANCE lock cannot be lifted by anyone, so a tenant whose
   * deletionPolicy is Destroy could never be torn down inside its retention period.
   */
  readonly mode: "GOVERNANCE";
  readonly retentionDays: number;
}

export interface StackProfile {
  readonly cloud: Cloud;
  readonly region: string;
  readonly tier: Tier;
  readonly frameworks: readonly Framework[];
  /** The profile's patterns for this cloud (eu-*, westeurope, ...). */
  readonly allowedRegions: readonly string[];
  /** max(profile.backups.retentionDays, the tier's floor from the sizing table). */
  readonly backupRetentionDays: number;
  readonly pointInTimeRecovery: boolean;
  readonly customerManagedKeys: boolean;
  readonly tlsMinVersion: TlsVersion;
  /** The profile's flag, and always for enterprise silos (their data has no other copy). */
  readonly deletionProtection: boolean;
  readonly privateOnly: boolean;
  readonly documentRetentionDays: number;
  readonly auditRetentionDays: number;
  readonly objectLock: ObjectLockSettings;
}

/**
 * Resolves a profile for one tenant. `profile` may be a raw spec (defaults are filled in); throws
 * with every problem named (field, value, what is allowed) when the spec is invalid or the
 * tenant's cloud/region is not allowed by it.
 */
export function stackProfile(
  tenant: Pick<TenantSpec, "tier" | "cloud" | "region">,
  profile: ComplianceProfileSpec | ComplianceProfileSpecInput,
): StackProfile {
  const parsed = parseComplianceProfileSpec(profile);
  if (!parsed.ok) throw new Error(`ComplianceProfile is invalid: ${summarize(parsed.problems)}`);
  const p = parsed.value;
  const allowed = p.allowedRegions[tenant.cloud];
  if (!allowed) {
    throw new Error(
      `spec.cloud "${tenant.cloud}" is not allowed by the ComplianceProfile (no allowedRegions.${tenant.cloud})`,
    );
  }
  const region = tenant.region ?? "";
  if (tenant.cloud !== "local") {
    if (!region) throw new Error(`spec.region is required when spec.cloud is "${tenant.cloud}"`);
    if (!allowed.some((pattern) => regionMatches(region, pattern))) {
      throw new Error(
        `spec.region "${region}" not in [${allowed.join(", ")}] (allowed by the ComplianceProfile for ${tenant.cloud})`,
      );
    }
  }
  const worm = p.frameworks.some((f) => FRAMEWORKS_REQUIRING_WORM.includes(f));
  return {
    cloud: tenant.cloud,
    region,
    tier: tenant.tier,
    frameworks: p.frameworks,
    allowedRegions: allowed,
    backupRetentionDays: Math.max(p.backups.retentionDays, tierSizing(tenant.tier).backupRetentionDays),
    pointInTimeRecovery: p.backups.pointInTimeRecovery,
    customerManagedKeys: p.encryption.customerManagedKeys,
    tlsMinVersion: p.encryption.tlsMinVersion,
    deletionProtection: p.deletionProtection || tenant.tier === "enterprise",
    privateOnly: p.network.privateOnly,
    documentRetentionDays: p.retention.documentDays,
    auditRetentionDays: p.retention.auditDays,
    objectLock: { enabled: worm, mode: "GOVERNANCE", retentionDays: p.retention.documentDays },
  };
}
