// GCP: an enterprise tenant's silo, the shared pool platform, and a pooled tenant on it.
export { LIFECYCLE_DAYS } from "./bucket.ts";
export { DATABASE_VERSION, MAX_TRANSACTION_LOG_DAYS } from "./cloud-sql.ts";
export { NODE_PROJECT_ROLES } from "./cluster.ts";
export { ROTATION_PERIOD } from "./kms.ts";
export { MEMORYSTORE_TLS_PORT } from "./memorystore.ts";
export { DEFAULT_GCP_ADDRESS_SPACE, gcpSubnetPlan } from "./network.ts";
export {
  GCP_POOL_PLATFORM_TYPE,
  GcpPoolPlatform,
  type GcpPoolPlatformArgs,
  type GcpPoolPlatformRef,
} from "./platform.ts";
export { GCP_POOL_TENANT_TYPE, GcpPoolTenant, type GcpPoolTenantArgs } from "./pool.ts";
export { OBJECT_ROLE } from "./runtime-account.ts";
export { GCP_SILO_TYPE, GcpTenantSilo, type GcpTenantSiloArgs } from "./silo.ts";
export type { GcpTenantOutputs } from "./types.ts";
