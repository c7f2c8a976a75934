// Limits a tenant gets from its tier when spec.limits leaves them out. They live in the operator,
// not in the CRD, because a CRD default cannot depend on another field (spec.tier), and so that
// raising a tier's allowance reaches every tenant that did not pin its own value.
import type { Tier } from "./constants.ts";
import type { TenantSpec } from "./tenant-schema.ts";

export interface ResolvedLimits {
  storageGiB: number;
  documents: number;
  requestsPerHour: number;
}

/**
 * starter: a pooled schema with row-level security, sized for a pilot team.
 * professional: a pooled namespace and schema, a department's document flow.
 * enterprise: a silo with its own database and bucket, sized for a whole institution.
 */
export const tierDefaults: Readonly<Record<Tier, Readonly<ResolvedLimits>>> = {
  starter: { storageGiB: 10, documents: 10_000, requestsPerHour: 1_000 },
  professional: { storageGiB: 100, documents: 250_000, requestsPerHour: 10_000 },
  enterprise: { storageGiB: 1_000, documents: 5_000_000, requestsPerHour: 100_000 },
};

/** A spec whose every limit is set: the tenant's own values, else its tier's. */
export type ResolvedTenantSpec = Omit<TenantSpec, "limits"> & { limits: ResolvedLimits };

export function withTierDefaults(spec: TenantSpec): ResolvedTenantSpec {
  const base = tierDefaults[spec.tier];
  return {
    ...spec,
    limits: {
      storageGiB: spec.limits?.storageGiB ?? base.storageGiB,
      documents: spec.limits?.documents ?? base.documents,
      requestsPerHour: spec.limits?.requestsPerHour ?? base.requestsPerHour,
    },
  };
}
