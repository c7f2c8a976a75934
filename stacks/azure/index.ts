// Azure: an enterprise tenant's silo, the shared pool platform, and a pooled tenant on it.
export { KEY_ROTATION } from "./key-vault.ts";
export { DEFAULT_ADDRESS_SPACE, subnetPlan } from "./network.ts";
export {
  AZURE_POOL_PLATFORM_TYPE,
  AzurePoolPlatform,
  type AzurePoolPlatformArgs,
  type AzurePoolPlatformRef,
} from "./platform.ts";
export { AZURE_POOL_TENANT_TYPE, AzurePoolTenant, type AzurePoolTenantArgs } from "./pool.ts";
export { ADMIN_LOGIN, POSTGRES_VERSION } from "./postgres.ts";
export { REDIS_TLS_PORT } from "./redis.ts";
export { BUILT_IN_ROLES } from "./roles.ts";
export { AZURE_SILO_TYPE, AzureTenantSilo, type AzureTenantSiloArgs, DOCUMENTS_CONTAINER } from "./silo.ts";
export { LIFECYCLE_DAYS } from "./storage.ts";
export type { AzureTenantOutputs } from "./types.ts";
