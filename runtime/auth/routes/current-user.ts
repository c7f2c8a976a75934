// The signed-in user of an authenticated auth route (/auth/me, /auth/mfa/*): a user session of
// this tenant, not an API key.
import type { Context, MiddlewareHandler } from "hono";
import { ApiError, requireTenant, type TenantContext } from "../../app/index.ts";
import type { Principal } from "../rbac.ts";

export function requireUserSession(c: Context): { tenant: TenantContext; principal: Principal } {
  const { tenant, principal } = requireTenant(c);
  if (!principal) throw new ApiError({ code: "UNAUTHORIZED", message: "authentication required" });
  if (principal.kind !== "user") {
    throw new ApiError({ code: "FORBIDDEN", message: "this route needs a user session, not an API key" });
  }
  return { tenant, principal };
}

/**
 * The same check as route middleware, for routes with a request body: an anonymous caller gets
 * 401 before its body is validated, not a 400 that answers for a route it may not call.
 */
export const userSessionRequired: MiddlewareHandler = async (c, next) => {
  requireUserSession(c);
  await next();
};
