export { TENANT_STATUSES, TENANT_TIERS } from "./constants.ts";
export { type NewTenant, type Tenant, tenants } from "./tenant.ts";
