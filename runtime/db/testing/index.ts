export { type FreshDatabase, freshDatabase, withDatabase } from "./fresh-database.ts";
export { migrationCount } from "./migration-count.ts";
export { mountTenantSecret } from "./tenant-secret.ts";
