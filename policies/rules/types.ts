// What a compliance rule sees and says. Rules are pure functions over these shapes, so the same code
// runs inside the CrossGuard pack (over the engine's resource descriptions), over resources captured
// by Pulumi mocks in unit tests, and in the operator's preflight (over the Tenant spec alone).
import type { ComplianceProfileSpec } from "../../crds/profile-schema.ts";
import type { TenantSpec } from "../../crds/tenant-schema.ts";

export const RULE_NAMES = [
  "encryption-at-rest",
  "data-residency",
  "backup-retention",
  "no-public-access",
  "tls-min-version",
  "deletion-protection",
  "logging",
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export type RuleLevel = "mandatory" | "advisory" | "disabled";

/** One resource as a rule sees it: the engine's (or a mock's) inputs, and its provider's. */
export interface RuleResource {
  /** The type token, e.g. `aws:rds/cluster:Cluster`. */
  readonly type: string;
  /** The Pulumi resource name. */
  readonly name: string;
  readonly props: Readonly<Record<string, unknown>>;
  /** The provider the resource is created with (its region for AWS and GCP resources). */
  readonly provider?: { readonly type: string; readonly props: Readonly<Record<string, unknown>> };
  /** Pulumi's `protect` option: the engine refuses to delete the resource. */
  readonly protect?: boolean;
  /** The resource's id, where known (mocks; the engine gives none before creation). */
  readonly id?: string;
  /** Per property, the names of the resources its value comes from (the engine's property dependencies). */
  readonly dependencies?: Readonly<Record<string, readonly string[]>>;
}

/** The tenant a pack was built for, as far as rules need it. */
export type RuleTenant = Readonly<Pick<TenantSpec, "tier" | "cloud" | "region" | "deletionPolicy">>;

export interface RuleContext {
  /** The ComplianceProfile's name, for messages. */
  readonly profileName: string;
  readonly profile: ComplianceProfileSpec;
  readonly tenant: RuleTenant;
}

/** A finding about the Tenant request itself, before any program runs (preflight). */
export interface TenantFinding {
  readonly field: string;
  /** PascalCase, for the Tenant's condition. */
  readonly reason: string;
  readonly message: string;
}

export interface ComplianceRule {
  readonly name: RuleName;
  readonly description: string;
  /** The ComplianceProfile fields the rule implements. */
  readonly controls: readonly string[];
  /** Every violation of one resource, each naming the property, its value and what is allowed. */
  checkResource(resource: RuleResource, ctx: RuleContext): string[];
  /**
   * Violations only the whole stack shows (a lock or a diagnostic setting that covers another
   * resource); run by the pack's stack policy `<name>-stack`.
   */
  checkStack?(resources: readonly RuleResource[], ctx: RuleContext): string[];
  /** What the Tenant spec alone shows cannot comply; refused before any Pulumi run. */
  checkTenant(ctx: RuleContext): TenantFinding[];
}
