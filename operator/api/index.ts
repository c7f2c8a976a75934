// The wspec.io/v1alpha1 API: the Tenant and ComplianceProfile kinds as the operator, the console
// and the stacks see them. crds/*.yaml is the same API for the API server; crd-schema.test.ts
// keeps the two equal.
export { type Condition, ConditionSchema } from "./condition-schema.ts";
export {
  type ConditionInput,
  ConditionReason,
  findCondition,
  isTrue,
  markFailed,
  markReady,
  markReconciling,
  markStalled,
  phaseOf,
  type Reason,
  removeCondition,
  setCondition,
  toTime,
} from "./conditions.ts";
export * from "./constants.ts";
export { type ResolvedLimits, type ResolvedTenantSpec, tierDefaults, withTierDefaults } from "./defaults.ts";
export { EventReason, events, type WspecEvent } from "./events.ts";
export { canonicalJson, INPUTS_HASH_VERSION, inputsHash, provisioningInputs } from "./inputs-hash.ts";
export { crdsDir, examplesDir, loadManifestDir, loadManifests, type Manifest } from "./manifests.ts";
export { RESOURCE_PREFIX_MAX, resourcePrefix, STACK_NAME_MAX, sqlIdentifier, stackName } from "./naming.ts";
export { immutableFieldProblems, parseComplianceProfileSpec, parseTenantSpec } from "./parse.ts";
export { preflight, profileInvalid, profileNotFound, regionMatches } from "./preflight.ts";
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
