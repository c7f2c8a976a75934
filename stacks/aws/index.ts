// AWS programs: an enterprise tenant's silo, a pooled tenant on the shared platform, and that
// platform itself. Build a tenant's args with awsTenantArgs({ tenantId, spec, profile }).
export {
  type AwsTenantArgs,
  type AwsTenantArgsInput,
  awsTenantArgs,
  DEFAULT_ENVIRONMENT,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_VPC_CIDR,
  RUNTIME_SERVICE_ACCOUNT,
} from "./args.ts";
export { AWS_SECURE_BUCKET_TYPE, AwsSecureBucket, LIFECYCLE_DAYS, tlsOnlyPolicy } from "./bucket.ts";
export { AWS_EKS_CLUSTER_TYPE, AwsEksCluster, EKS_LOG_TYPES, eksKubeconfig } from "./cluster.ts";
export { type ConnectionParts, connectionData } from "./connection.ts";
export { AURORA_ENGINE_VERSION, AWS_AURORA_TYPE, AwsAuroraPostgres, POSTGRES_PORT } from "./database.ts";
export {
  irsaTrustPolicy,
  irsaWorkloadIdentity,
  type StorageAccess,
  storageAccessPolicy,
  type WorkloadIdentity,
} from "./irsa.ts";
export { AWS_NETWORK_TYPE, AwsNetwork } from "./network.ts";
export {
  AWS_POOL_PLATFORM_TYPE,
  AwsPoolPlatform,
  type AwsPoolPlatformArgs,
  type AwsPoolPlatformArgsInput,
  type AwsPoolPlatformOutputs,
  type AwsPoolPlatformRef,
  awsPoolPlatformArgs,
  awsPoolPlatformProgram,
  POOL_ADMIN_USER,
  POOL_PLATFORM_OUTPUT_KEYS,
} from "./platform.ts";
export {
  AWS_TENANT_POOL_TYPE,
  AwsTenantPool,
  type AwsTenantPoolArgs,
  platformFromStack,
  platformProblem,
  tenantPrefix,
} from "./pool.ts";
export { AWS_REDIS_TYPE, AwsRedis, REDIS_ENGINE_VERSION, REDIS_PORT, type RedisAuth } from "./redis.ts";
export { AWS_TENANT_SILO_TYPE, AwsTenantSilo, type AwsTenantSiloArgs } from "./silo.ts";
export { subnetPlan } from "./subnets.ts";
export { type AwsTenantAnyArgs, awsTenant } from "./tenant.ts";
