// The wspec.io/v1alpha1 API package, as k8s.io/api is Kubernetes': the Tenant and ComplianceProfile
// schemas (the single source: crds/*.yaml is generated from them by scripts/generate-crds.ts), their
// types, constants, tier defaults and the naming the operator and the stacks share. The operator,
// the stacks, the policies and the runtime import it; it imports nothing of the project.
export { type Condition, ConditionSchema } from "./condition-schema.ts";
export * from "./constants.ts";
export { type ResolvedLimits, type ResolvedTenantSpec, tierDefaults, withTierDefaults } from "./defaults.ts";
export { crdsDir, examplesDir, loadManifestDir, loadManifests, type Manifest } from "./manifests.ts";
export { RESOURCE_PREFIX_MAX, resourcePrefix, STACK_NAME_MAX, sqlIdentifier, stackName } from "./naming.ts";
export { immutableFieldProblems, parseComplianceProfileSpec, parseTenantSpec } from "./parse.ts";
export { type ParseResult, type Problem, summarize } from "./problems.ts";
export {
  type ComplianceProfile,
  type ComplianceProfileSpec,
  type ComplianceProfileSpecInput,
  ComplianceProfileSpecSchema,
  type ComplianceProfileStatus,
  ComplianceProfileStatusSchema,
  type DocumentRule,
  DocumentRuleSchema,
  FRAMEWORKS_REQUIRING_CMK,
  profileRuleMessages,
} from "./profile-schema.ts";
export { regionMatches } from "./region-match.ts";
export {
  type Tenant,
  type TenantCurrentUpdate,
  TenantCurrentUpdateSchema,
  type TenantLimits,
  type TenantOutputs,
  type TenantSpec,
  type TenantSpecInput,
  TenantSpecSchema,
  type TenantStackStatus,
  type TenantStatus,
  TenantStatusSchema,
  tenantRuleMessages,
} from "./tenant-schema.ts";
