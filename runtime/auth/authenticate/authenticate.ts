import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AccessTokenService } from "../access-token.ts";
import { type ApiKeyService, parseApiKey } from "../api-key.ts";
import type { Principal } from "../rbac.ts";

export interface AuthenticateOptions {
  /** Verifies `Authorization: Bearer <jwt>`. Required. */
  accessTokens: Pick<AccessTokenService, "verify">;
  /** Verifies `X-API-Key: wspec_…` or `Authorization: Bearer wspec_…`. Omit to refuse API keys. */
  apiKeys?: Pick<ApiKeyService, "authenticate">;
  /**
   * Runs after a credential checked out, before the route: resolve and store the tenant
   * (`c.set("tenant", …)`), refuse suspended tenants or disabled users by returning false (401).
   * @default none
   */
  onAuthenticated?: (c: Context, principal: Principal) => Promise<boolean | undefined> | boolean | undefined;
  /** Let requests without any credential through with no principal (public routes). @default false */
  optional?: boolean;
  /** @default () => new Date() */
  clock?: () => Date;
}

function unauthorized(message: string): HTTPException {
  return new HTTPException(401, { message });
}

/**
 * Authenticates a request by access token or API key and stores the principal at
 * `c.get("principal")`. Failures are 401 with a message naming the reason ("access token
 * expired", "API key was revoked"); a request carrying both kinds of credential is refused.
 *
 * @example
 * app.use("/api/v2/*", authenticate({ accessTokens, apiKeys, onAuthenticated: loadTenant }))
 */
export function authenticate(opts: AuthenticateOptions): MiddlewareHandler {
  const { accessTokens, apiKeys, onAuthenticated, optional = false, clock = () => new Date() } = opts;
  if (!accessTokens || typeof accessTokens.verify !== "function") {
    throw new Error("authenticate: accessTokens (an AccessTokenService) is required");
  }
  return async function authenticate(c, next) {
    const header = c.req.header("authorization");
    const apiKeyHeader = c.req.header("x-api-key");
    let bearer: string | undefined;
    if (header !== undefined) {
      const m = /^Bearer +(\S+)\s*$/i.exec(header);
      if (!m?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
      bearer = m[1];
    }
    if (bearer !== undefined && apiKeyHeader !== undefined) {
      throw unauthorized("send either an Authorization header or an X-API-Key header, not both");
    }
    const apiKey = apiKeyHeader ?? (bearer !== undefined && parseApiKey(bearer) ? bearer : undefined);
    let principal: Principal;
    if (apiKey !== undefined) {
      if (!apiKeys) throw unauthorized("API keys are not accepted here");
      const { val, err } = await apiKeys.authenticate(apiKey);
      if (err) throw unauthorized(err.message);
      principal = val;
    } else if (bearer !== undefined) {
      const { val, err } = await accessTokens.verify(bearer, clock());
      if (err) throw unauthorized(err.message);
      principal = { kind: "user", id: val.sub, tenantId: val.tenant, role: val.role, scopes: val.scopes };
    } else {
      if (optional) return next();
      throw unauthorized("authentication required: send a Bearer access token or an X-API-Key header");
    }
    c.set("principal", principal as never);
    if (onAuthenticated && (await onAuthenticated(c, principal)) === false) {
      throw unauthorized("credential is no longer valid for this tenant");
    }
    await next();
  };
}
