// What every cloud tenant component takes, checked before any resource is declared so that a bad
// spec fails with every problem named and nothing half-made. Cloud-neutral (Azure and GCP).
import type { Cloud, Tier } from "../../crds/constants.ts";
import { TENANT_ID } from "../local/naming.ts";
import type { TenantLimits } from "../local/quota.ts";
import type { StackProfile, TenantTagInput } from "./index.ts";

export interface CloudTenantArgs {
  /** 1-40 lowercase letters, digits and inner hyphens, starting with a letter (the operator's resourcePrefix). */
  readonly tenantId: string;
  /** The tenant's ComplianceProfile resolved for its tier and region (stacks/shared stackProfile). */
  readonly profile: StackProfile;
  /** prod, staging, dev, ...: tagged on every resource. */
  readonly environment: string;
  /** Billing tag; defaults to the tenant id. */
  readonly costCenter?: string;
  /** The tenant's resolved limits (crds withTierDefaults). */
  readonly limits: TenantLimits;
}

/** Throws one error listing every problem, or returns nothing. */
export function checkTenantArgs(
  args: CloudTenantArgs,
  cloud: Cloud,
  tiers: readonly Tier[],
  component: string,
): void {
  const problems: string[] = [];
  if (typeof args.tenantId !== "string" || !TENANT_ID.test(args.tenantId)) {
    problems.push(
      `tenantId ${JSON.stringify(args.tenantId)} must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter`,
    );
  }
  if (args.profile?.cloud !== cloud) {
    problems.push(`profile.cloud ${JSON.stringify(args.profile?.cloud)} must be "${cloud}" for ${component}`);
  }
  if (!tiers.includes(args.profile?.tier)) {
    problems.push(
      `profile.tier ${JSON.stringify(args.profile?.tier)} not in [${tiers.join(", ")}] for ${component}`,
    );
  }
  if (!args.profile?.region) problems.push("profile.region is required");
  for (const key of ["storageGiB", "documents", "requestsPerHour"] as const) {
    const v = args.limits?.[key];
    if (!Number.isInteger(v) || v <= 0)
      problems.push(`limits.${key} ${JSON.stringify(v)} must be a positive integer`);
  }
  if (problems.length > 0) throw new Error(`${component}: ${problems.join("; ")}`);
}

/** The tag (label) input for a tenant of `tier`: the cost center only when one is given. */
export function tenantTagInput(args: CloudTenantArgs, tier: Tier): TenantTagInput {
  return {
    tenantId: args.tenantId,
    tier,
    environment: args.environment,
    ...(args.costCenter ? { costCenter: args.costCenter } : {}),
  };
}

/**
 * Throws one error listing every problem with a pool platform's args: its id, `more` (the cloud's
 * own problems, in order), its region, and backup days outside `retention` (the service's range).
 */
export function checkPoolPlatformArgs(
  component: string,
  args: { readonly platformId: string; readonly region: string; readonly backupRetentionDays: number },
  retention: { readonly min: number; readonly max: number; readonly service: string },
  more: readonly string[] = [],
): void {
  const problems: string[] = [];
  if (!TENANT_ID.test(args.platformId)) {
    problems.push(
      `platformId ${JSON.stringify(args.platformId)} must be 1-40 lowercase letters, digits and inner hyphens`,
    );
  }
  problems.push(...more);
  if (!args.region) problems.push("region is required");
  const days = args.backupRetentionDays;
  if (!Number.isInteger(days) || days < retention.min || days > retention.max) {
    problems.push(
      `backupRetentionDays ${JSON.stringify(days)} must be an integer from ${retention.min} to ${retention.max} (${retention.service}'s range)`,
    );
  }
  if (problems.length > 0) throw new Error(`${component}: ${problems.join("; ")}`);
}
