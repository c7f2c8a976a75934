// Test support (not a test): the set-up the Azure and GCP tenant tests share: a profile for a
// cloud and region, a tenant's args, building a tenant under capture, and the policy pack's
// findings for a GDPR + SOX professional tenant. The assertions stay in each cloud's tests.
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud, Framework, Tier } from "../../../crds/constants.ts";
import { parseComplianceProfileSpec } from "../../../crds/parse.ts";
import type { ComplianceProfileSpecInput } from "../../../crds/profile-schema.ts";
import { evaluateResources } from "../../../policies/evaluate.ts";
import type { CloudTenantArgs } from "../cloud-args.ts";
import { type StackProfile, stackProfile } from "../index.ts";
import { capture, type Graph, ruleResources, value } from "./mock-graph.ts";

export const LIMITS = { storageGiB: 100, documents: 250_000, requestsPerHour: 10_000 };

export interface ProfileOptions {
  readonly cmk?: boolean;
  readonly frameworks?: Framework[];
}

/** A profile allowing only `region`: GDPR unless told, customer-managed keys when `cmk`. */
export function regionProfile(
  cloud: Cloud,
  region: string,
  tier: Tier,
  over: ProfileOptions = {},
  more: Partial<ComplianceProfileSpecInput> = {},
): StackProfile {
  return stackProfile(
    { tier, cloud, region },
    {
      frameworks: over.frameworks ?? ["GDPR"],
      allowedRegions: { [cloud]: [region] },
      encryption: { customerManagedKeys: over.cmk ?? false },
      ...more,
    },
  );
}

/** A profile that allows `region` alone and says nothing else (GDPR). */
export const onlyIn = (cloud: Cloud, region: string, tier: Tier): StackProfile =>
  stackProfile({ tier, cloud, region }, { frameworks: ["GDPR"], allowedRegions: { [cloud]: [region] } });

/** What every tenant component takes, for `tenantId` in production with LIMITS. */
export const tenantArgs = (tenantId: string, profile: StackProfile): CloudTenantArgs => ({
  tenantId,
  profile,
  environment: "prod",
  limits: LIMITS,
});

/** Builds a tenant under capture; returns it, its graph and its connection data resolved. */
export async function captureTenant<T extends { connection: pulumi.Output<Record<string, string>> }>(
  build: (opts: pulumi.ComponentResourceOptions) => T,
): Promise<{ tenant: T; graph: Graph; connection: Record<string, string> }> {
  const { result, graph } = await capture(build);
  return { tenant: result, graph, connection: await value(result.connection) };
}

/** The pack's findings for a professional tenant whose profile is GDPR + SOX in `region`. */
export async function gdprSoxFindings(
  cloud: Cloud,
  region: string,
  tenant: (tenantId: string, profile: StackProfile) => Promise<{ graph: Graph }>,
): Promise<{ graph: Graph; findings: ReturnType<typeof evaluateResources> }> {
  const parsed = parseComplianceProfileSpec({
    frameworks: ["GDPR", "SOX"],
    allowedRegions: { [cloud]: [region] },
  });
  if (!parsed.ok) throw new Error("test profile is invalid");
  const profile = stackProfile({ tier: "professional", cloud, region }, parsed.value);
  const { graph } = await tenant("checked", profile);
  const findings = evaluateResources(ruleResources(graph), {
    profileName: "gdpr-sox",
    profile: parsed.value,
    tenant: { tier: "professional", cloud, region, deletionPolicy: "Destroy" },
  });
  return { graph, findings };
}
