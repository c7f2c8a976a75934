// The request context every route reads: who is calling (set by the auth middleware, see
// runtime/auth) and for which tenant, plus what createApp injects.
import type { Logger } from "pino";

export const TIERS = ["starter", "professional", "enterprise"] as const;
export type Tier = (typeof TIERS)[number];

/** The tenant a request acts for. `id` is the uuid every tenant row carries in `tenant_id`. */
export interface TenantContext {
  id: string;
  /** The operator's tenant id (a DNS-style slug, e.g. "acme-bank"). */
  slug: string;
  tier: Tier;
}

export const ROLES = [
  "global-admin",
  "tenant-admin",
  "compliance-officer",
  "document-manager",
  "end-user",
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a user (JWT) or an API key, with its role and scopes. */
export interface Principal {
  type: "user" | "api_key";
  /** users.id or api_keys.id */
  id: string;
  tenantId: string;
  role: Role;
  scopes: string[];
}

export type Clock = () => Date;

export interface AppVariables {
  requestId: string;
  logger: Logger;
  clock: Clock;
  apiVersion: string;
  tenant: TenantContext;
  principal: Principal;
}

export type AppEnv = { Variables: AppVariables };

declare module "hono" {
  interface ContextVariableMap {
    requestId: string;
    logger: Logger;
    clock: Clock;
    apiVersion: string;
    tenant: TenantContext;
    principal: Principal;
  }
}
