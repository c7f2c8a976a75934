import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { authorize, isPermission, isRole, PERMISSIONS, type Permission, type Principal } from "../rbac.ts";

/**
 * Validates what the authentication middleware stored under "principal". Accepts this module's
 * shape (`kind: "user" | "apiKey"`) and runtime/app's (`type: "user" | "api_key"`); anything else
 * is a server bug and fails closed.
 */
export function readPrincipal(value: unknown): Principal | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const kind = v.kind === "user" || v.kind === "apiKey" ? v.kind : undefined;
  const scopes = v.scopes;
  if (
    !kind ||
    typeof v.id !== "string" ||
    typeof v.tenantId !== "string" ||
    !isRole(v.role) ||
    !Array.isArray(scopes) ||
    !scopes.every((s) => typeof s === "string")
  ) {
    throw new Error("the principal in the request context is malformed");
  }
  return { kind, id: v.id, tenantId: v.tenantId, role: v.role, scopes };
}

/**
 * Guards a route with one permission from the matrix. Reads the principal that the
 * authentication middleware put at `c.get("principal")`.
 *
 * - no principal: 401 "authentication required";
 * - role without the permission: 403 `permission "documents:delete" required; role "end-user" does not have it`;
 * - API key or token whose scopes lack it: 403 `permission "documents:delete" required; the credential's scopes do not include it`.
 *
 * Throws at construction for a permission that is not in the matrix, so a typo fails at start-up.
 *
 * @example
 * app.delete("/api/v2/documents/:id", requirePermission("documents:delete"), handler)
 */
export function requirePermission(permission: Permission): MiddlewareHandler {
  if (!isPermission(permission)) {
    throw new Error(`requirePermission: ${JSON.stringify(permission)} not in [${PERMISSIONS.join(", ")}]`);
  }
  return async function requirePermission(c, next) {
    const stored: unknown = c.get("principal");
    const principal = readPrincipal(stored);
    if (!principal) {
      throw new HTTPException(401, { message: "authentication required" });
    }
    const result = authorize(principal, permission);
    if (!result.ok) {
      const why =
        result.denial.reason === "role"
          ? `role "${result.denial.role}" does not have it`
          : `the ${principal.kind === "apiKey" ? "API key's" : "token's"} scopes do not include it`;
      throw new HTTPException(403, {
        message: `permission "${permission}" required; ${why}`,
        cause: { code: "forbidden", permission, reason: result.denial.reason },
      });
    }
    await next();
  };
}

/** The OpenAPI extension naming a route's permission; the role-matrix tests read it back. */
export const PERMISSION_EXTENSION = "x-wspec-permission";

/**
 * Spread into `createRoute({...})`: guards the route with `requirePermission(permission)` and
 * records the permission in the OpenAPI operation, so the role × route matrix is generated from
 * the routes themselves rather than from a second list.
 *
 * @example
 * createRoute({ method: "get", path: "/api/v2/documents/{id}", ...guardedBy("documents:read"), ... })
 */
export function guardedBy<P extends Permission>(
  permission: P,
): { middleware: [MiddlewareHandler]; [PERMISSION_EXTENSION]: P } {
  return { middleware: [requirePermission(permission)], [PERMISSION_EXTENSION]: permission };
}
