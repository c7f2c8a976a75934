// Every name a local tenant gets, derived from its id alone so that a crashed run, a refresh and
// the runtime all agree on them without reading state.

export const TIERS = ["enterprise", "professional", "starter"] as const;
export type Tier = (typeof TIERS)[number];

/** A tenant id: 1-40 lowercase letters, digits and inner hyphens, starting with a letter. */
export const TENANT_ID = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** The database that pools professional and starter tenants (created on first use, never dropped). */
export const POOL_DATABASE = "wspec_pool";
/** The schema starter tenants share, isolated by row-level security on tenant_id (never dropped). */
export const SHARED_SCHEMA = "pool_shared";
/**
 * A NOLOGIN group holding USAGE on the shared schema. Starter roles are its members, so the runtime
 * grants table privileges once, to the group, instead of once per tenant.
 */
export const SHARED_SCHEMA_GROUP = "pool_shared_member";
/** The Secret in the tenant's namespace that carries what the runtime connects with. */
export const CONNECTION_SECRET = "wspec-tenant-connection";

export interface TenantNames {
  /** The id with '-' turned into '_', for SQL identifiers. */
  readonly sqlId: string;
  /** enterprise: its own database; otherwise the pool database. */
  readonly database: string;
  /** enterprise and professional: their own schema; starter: the shared schema. */
  readonly schema: string;
  readonly role: string;
  readonly dedicatedDatabase: boolean;
  readonly dedicatedSchema: boolean;
  /** The group the role joins (starter only). */
  readonly sharedGroup?: string;
  readonly namespace: string;
  readonly redisUser: string;
  /** Every Redis key and channel of the tenant starts with this. */
  readonly keyPrefix: string;
}

export function tenantNames(tenantId: string, tier: Tier): TenantNames {
  if (!TENANT_ID.test(tenantId)) throw new Error(`tenantId "${tenantId}" must match ${TENANT_ID.source}`);
  const sqlId = tenantId.replaceAll("-", "_");
  const own = `tenant_${sqlId}`;
  return {
    sqlId,
    database: tier === "enterprise" ? own : POOL_DATABASE,
    schema: tier === "starter" ? SHARED_SCHEMA : own,
    role: own,
    dedicatedDatabase: tier === "enterprise",
    dedicatedSchema: tier !== "starter",
    ...(tier === "starter" ? { sharedGroup: SHARED_SCHEMA_GROUP } : {}),
    namespace: `tenant-${tenantId}`,
    redisUser: `tenant-${tenantId}`,
    keyPrefix: `t:${tenantId}:`,
  };
}
