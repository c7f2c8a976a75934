// data-residency: every regional resource sits in a region the ComplianceProfile allows for its
// cloud (allowedRegions.<cloud>, `eu-*` a prefix). The Tenant's own spec.region is checked before
// any program runs; the pack then checks what the program actually creates, provider included.
import { CLOUDS } from "../../crds/constants.ts";
import { show } from "../../crds/problems.ts";
import { regionMatches } from "../../crds/region-match.ts";
import { violation } from "./props.ts";
import { resourceCloud, resourceRegion } from "./resource-region.ts";
import type { ComplianceRule, RuleContext, TenantFinding } from "./types.ts";

const list = (values: readonly string[]) => `[${values.join(", ")}]`;

export const dataResidency: ComplianceRule = {
  name: "data-residency",
  description:
    "Every regional resource is in a region the ComplianceProfile allows for its cloud (allowedRegions).",
  controls: ["allowedRegions"],
  checkResource(resource, ctx) {
    const cloud = resourceCloud(resource.type);
    if (!cloud) return [];
    const allowed = ctx.profile.allowedRegions[cloud];
    const read = resourceRegion(resource);
    if (read.kind === "global") return [];
    if (!allowed) {
      return [
        violation(
          resource,
          `cloud ${cloud} is not allowed by ComplianceProfile ${ctx.profileName} (no allowedRegions.${cloud})`,
        ),
      ];
    }
    if (read.kind === "unknown") {
      return [
        violation(
          resource,
          `region unknown (${read.why}): must be in ${list(allowed)} (allowedRegions.${cloud})`,
        ),
      ];
    }
    if (allowed.some((p) => regionMatches(read.region, p))) return [];
    return [
      violation(
        resource,
        `${read.from} ${show(read.region)} not in ${list(allowed)} (allowedRegions.${cloud} of ComplianceProfile ${ctx.profileName})`,
      ),
    ];
  },
  checkTenant(ctx: RuleContext): TenantFinding[] {
    const { tenant, profile, profileName } = ctx;
    const by = `ComplianceProfile ${profileName}`;
    const regions = profile.allowedRegions[tenant.cloud];
    if (!regions) {
      const clouds = CLOUDS.filter((c) => profile.allowedRegions[c]);
      return [
        {
          field: "spec.cloud",
          reason: "CloudNotAllowed",
          message: `spec.cloud "${tenant.cloud}" not allowed by ${by}: allowed ${list(clouds)} (rule data-residency)`,
        },
      ];
    }
    // The local target has no regions: its key only has to be present.
    if (tenant.cloud === "local" || regions.some((p) => tenant.region && regionMatches(tenant.region, p)))
      return [];
    return [
      {
        field: "spec.region",
        reason: "RegionNotAllowed",
        message: `spec.region ${show(tenant.region)} not in ${list(regions)} (allowed by ${by} for ${tenant.cloud}; rule data-residency)`,
      },
    ];
  },
};
