// Pieces every cloud stack shares: names within each service's limits, tenant tags/labels, the
// tier → sizing table, and the ComplianceProfile resolved for one tenant.
export {
  assertName,
  NAME_HASH_LENGTH,
  NAME_RULES,
  type NameCharset,
  type NameRule,
  type NameRuleKey,
  resourceName,
} from "./naming.ts";
export {
  FRAMEWORKS_REQUIRING_WORM,
  type ObjectLockSettings,
  type StackProfile,
  stackProfile,
} from "./profile.ts";
export { type NodeCounts, TIER_SIZING, type TierSizing, tierSizing } from "./sizing.ts";
export { labelValue, MANAGED_BY, TAG_KEYS, type TenantTagInput, tenantLabels, tenantTags } from "./tags.ts";
