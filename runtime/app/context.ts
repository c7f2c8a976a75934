// The request context every route reads: who is calling (set by the auth middleware, see
// runtime/auth) and for which tenant, plus what createApp injects.
import type { Logger } from "pino";
import type { Principal } from "../auth/rbac.ts";

export const TIERS = ["starter", "professional", "enterprise"] as const;
export type Tier = (typeof TIERS)[number];

/** The tenant a request acts for. `id` is the uuid every tenant row carries in `tenant_id`. */
export interface TenantContext {
  id: string;
  /** The operator's tenant id (a DNS-style slug, e.g. "acme-bank"). */
  slug: string;
  tier: Tier;
}

// Roles, their permissions and the principal's shape are declared once, in runtime/auth.
export { type Principal, ROLES, type Role } from "../auth/rbac.ts";

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
