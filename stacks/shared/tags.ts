// The tags (AWS, Azure) and labels (GCP, Kubernetes) every tenant resource carries, so cost reports
// group by tenant and cost center, and the policy pack can check that nothing is untagged.
import { TIERS, type Tier } from "../../crds/constants.ts";

/** Tag keys, the same on every cloud (GCP label keys allow [a-z0-9_-], so no ':' or '/'). */
export const TAG_KEYS = {
  tenant: "wspec-tenant",
  tier: "wspec-tier",
  environment: "wspec-environment",
  costCenter: "wspec-cost-center",
  managedBy: "wspec-managed-by",
} as const;

export const MANAGED_BY = "wspec-pulumi";

export interface TenantTagInput {
  readonly tenantId: string;
  readonly tier: Tier;
  /** prod, staging, dev, ...: a lowercase slug. */
  readonly environment: string;
  /** Free text for billing; defaults to the tenant id. */
  readonly costCenter?: string;
}

const SLUG = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** What both AWS and Azure accept in a tag value (AWS is the narrower: letters, digits, space, _.:/=+-@). */
const TAG_VALUE = /^[\p{L}\p{N} _.:/=+\-@]{0,256}$/u;

function check(input: TenantTagInput): void {
  if (!input.tenantId || !SLUG.test(input.tenantId) || input.tenantId.length > 63) {
    throw new Error(
      `tags: tenantId "${input.tenantId}" must be 1-63 lowercase letters, digits and inner hyphens`,
    );
  }
  if (!TIERS.includes(input.tier)) throw new Error(`tags: tier "${input.tier}" not in [${TIERS.join(", ")}]`);
  if (!SLUG.test(input.environment) || input.environment.length > 63) {
    throw new Error(
      `tags: environment "${input.environment}" must be 1-63 lowercase letters, digits and inner hyphens`,
    );
  }
  if (input.costCenter !== undefined && (input.costCenter === "" || !TAG_VALUE.test(input.costCenter))) {
    throw new Error(
      `tags: costCenter "${input.costCenter}" must be 1-256 letters, digits, spaces and _ . : / = + - @`,
    );
  }
}

/** AWS and Azure tags. */
export function tenantTags(input: TenantTagInput): Record<string, string> {
  check(input);
  return {
    [TAG_KEYS.tenant]: input.tenantId,
    [TAG_KEYS.tier]: input.tier,
    [TAG_KEYS.environment]: input.environment,
    [TAG_KEYS.costCenter]: input.costCenter ?? input.tenantId,
    [TAG_KEYS.managedBy]: MANAGED_BY,
  };
}

/** A GCP label value: lowercase letters, digits, '_' and '-', at most 63 characters. */
export function labelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "_")
    .slice(0, 63);
}

/** GCP labels: the same keys, values lowercased and cut to 63 characters. */
export function tenantLabels(input: TenantTagInput): Record<string, string> {
  return Object.fromEntries(Object.entries(tenantTags(input)).map(([k, v]) => [k, labelValue(v)]));
}
