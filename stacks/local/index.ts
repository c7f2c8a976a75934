export { type LocalTenantArgs, type LocalTenantConnections, validateLocalTenantArgs } from "./args.ts";
export {
  LOCAL_TENANT_TYPE,
  LocalTenant,
  type LocalTenantProgramOutputs,
  localTenantProgram,
} from "./local.ts";
export { CONNECTION_SECRET, type TenantNames, TIERS, type Tier, tenantNames } from "./naming.ts";
export {
  type Credentials,
  type DatabaseInfo,
  type LocalTenantOutputs,
  type LocalTenantPublicOutputs,
  type RedisInfo,
  readLocalTenantOutputs,
  type SecretRef,
  type StackOutputMap,
  type StorageInfo,
} from "./outputs.ts";
export type { TenantLimits } from "./quota.ts";
