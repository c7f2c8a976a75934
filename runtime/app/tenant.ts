import type { Context } from "hono";
import type { Principal, TenantContext } from "./context.ts";
import { ApiError } from "./errors.ts";

/** The request's tenant and principal; 401 when the auth middleware set none. */
export function requireTenant(c: Context): { tenant: TenantContext; principal: Principal | undefined } {
  const tenant = c.get("tenant") as TenantContext | undefined;
  if (!tenant) throw new ApiError({ code: "UNAUTHORIZED", message: "authentication required" });
  return { tenant, principal: c.get("principal") as Principal | undefined };
}
