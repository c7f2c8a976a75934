export {
  type ConnectOptions,
  connectDatabase,
  type Database,
  type DatabaseHandle,
  type Schema,
  type TenantTx,
  withTenant,
} from "./client.ts";
export {
  APP_ROLE,
  MIGRATIONS_FOLDER,
  type MigrateOptions,
  type MigrateResult,
  migrate,
  migrateTenant,
} from "./migrate.ts";
export * as schema from "./schema/index.ts";
export { quoteIdent, quoteLiteral } from "./sql.ts";
export {
  PoolBusyError,
  TenantDatabases,
  type TenantDatabasesOptions,
  UnknownTenantError,
} from "./tenant-databases.ts";
export {
  locationFromSecret,
  PLACEMENT_BY_TIER,
  PLACEMENTS,
  type Placement,
  SecretSchema,
  TENANT_SLUG,
  type TenantLocation,
  TenantLocationSchema,
  TenantRegistry,
  tenantUuid,
} from "./tenant-registry.ts";
