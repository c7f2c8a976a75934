// The inputs of the AWS components, built once from a Tenant spec and its ComplianceProfile so that
// every component reads the same resolved profile, tags and limits. Bad input throws with the
// field, the value and what is allowed, before any resource is declared.
import { type ResolvedLimits, withTierDefaults } from "../../crds/defaults.ts";
import { parseTenantSpec } from "../../crds/parse.ts";
import { summarize } from "../../crds/problems.ts";
import type { ComplianceProfileSpec, ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import type { TenantSpec, TenantSpecInput } from "../../crds/tenant-schema.ts";
import { TENANT_ID } from "../local/naming.ts";
import { type StackProfile, stackProfile } from "../shared/profile.ts";
import { tenantTags } from "../shared/tags.ts";
import type { Placement } from "./common.ts";

/** The Kubernetes service account the runtime runs as; its IRSA role trusts exactly this name. */
export const RUNTIME_SERVICE_ACCOUNT = "wspec-runtime";
export const DEFAULT_ENVIRONMENT = "prod";
export const DEFAULT_KUBERNETES_VERSION = "1.33";
export const DEFAULT_VPC_CIDR = "10.0.0.0/16";

/** What every AWS tenant component reads. Build it with awsTenantArgs. */
export interface AwsTenantArgs {
  /** The operator's resourcePrefix: 1-40 of [a-z0-9-], starting with a letter. */
  readonly tenantId: string;
  readonly tier: TenantSpec["tier"];
  readonly region: string;
  readonly admins: readonly string[];
  readonly limits: ResolvedLimits;
  readonly profile: StackProfile;
  readonly placement: Placement;
  readonly runtimeServiceAccount: string;
}

export interface AwsTenantArgsInput {
  readonly tenantId: string;
  /** A Tenant spec (raw or parsed); spec.cloud must be "aws". */
  readonly spec: TenantSpec | TenantSpecInput;
  /** The ComplianceProfile spec it names (raw or parsed). */
  readonly profile: ComplianceProfileSpec | ComplianceProfileSpecInput;
  /** prod, staging, ...: the wspec-environment tag. Default "prod". */
  readonly environment?: string;
  /** The wspec-cost-center tag; default the tenant id. */
  readonly costCenter?: string;
  readonly runtimeServiceAccount?: string;
}

export function awsTenantArgs(input: AwsTenantArgsInput): AwsTenantArgs {
  if (!TENANT_ID.test(input.tenantId)) {
    throw new Error(
      `tenantId "${input.tenantId}" must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter`,
    );
  }
  const parsed = parseTenantSpec(input.spec);
  if (!parsed.ok) throw new Error(`Tenant spec is invalid: ${summarize(parsed.problems)}`);
  const spec = parsed.value;
  if (spec.cloud !== "aws") throw new Error(`spec.cloud "${spec.cloud}" is not aws: allowed [aws]`);
  const profile = stackProfile(spec, input.profile);
  const tags = tenantTags({
    tenantId: input.tenantId,
    tier: spec.tier,
    environment: input.environment ?? DEFAULT_ENVIRONMENT,
    ...(input.costCenter !== undefined ? { costCenter: input.costCenter } : {}),
  });
  const runtimeServiceAccount = input.runtimeServiceAccount ?? RUNTIME_SERVICE_ACCOUNT;
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(runtimeServiceAccount)) {
    throw new Error(`runtimeServiceAccount "${runtimeServiceAccount}" must be a DNS-1123 label`);
  }
  return {
    tenantId: input.tenantId,
    tier: spec.tier,
    region: profile.region,
    admins: spec.admins,
    limits: withTierDefaults(spec).limits,
    profile,
    placement: { region: profile.region, tags },
    runtimeServiceAccount,
  };
}

/** Throws unless the component's tier shape matches: silo is enterprise only, pool the others. */
export function requireTier(args: AwsTenantArgs, shape: "silo" | "pool"): void {
  const ok = shape === "silo" ? args.tier === "enterprise" : args.tier !== "enterprise";
  if (!ok) {
    const allowed = shape === "silo" ? "[enterprise]" : "[professional, starter]";
    throw new Error(`tier "${args.tier}" does not run as an AWS ${shape}: allowed ${allowed}`);
  }
}
