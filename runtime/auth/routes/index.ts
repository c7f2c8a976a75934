// The /api/v2/auth routes and the request authentication that goes with them.
import type { MiddlewareHandler } from "hono";
import type { App, AppEnv } from "../../app/index.ts";
import type { ApiKeyService } from "../api-key.ts";
import { authenticate } from "../authenticate/index.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { registerLogin } from "./login.ts";
import { registerLogout } from "./logout.ts";
import { registerMe } from "./me.ts";
import { registerMfaConfirm } from "./mfa-confirm.ts";
import { registerMfaSetup } from "./mfa-setup.ts";
import { registerMfaVerify } from "./mfa-verify.ts";
import { registerRefresh } from "./refresh.ts";
import { registerSetup } from "./setup.ts";

export {
  ApiKeySchema,
  CreatedApiKeySchema,
  registerApiKeyRoutes,
} from "./api-keys/index.ts";
export type { AuthRouteDeps } from "./deps.ts";
export { LoginBody, LoginResultSchema, loginRoute, registerLogin } from "./login.ts";
export { LogoutBody, logoutRoute, registerLogout } from "./logout.ts";
export { meRoute, type Profile, ProfileSchema, registerMe } from "./me.ts";
export { MfaConfirmBody, mfaConfirmRoute, registerMfaConfirm } from "./mfa-confirm.ts";
export { MfaSetupSchema, mfaSetupRoute, registerMfaSetup } from "./mfa-setup.ts";
export { MfaVerifyBody, mfaVerifyRoute, registerMfaVerify } from "./mfa-verify.ts";
export { RefreshBody, refreshRoute, registerRefresh } from "./refresh.ts";
export { SessionSchema } from "./schemas.ts";
export { registerSetup, SetupBody, setupRoute } from "./setup.ts";
export { registerUserRoutes, UserPageSchema, UserSchema } from "./users/index.ts";

/** Registers every /api/v2/auth route. */
export function registerAuthRoutes(deps: AuthRouteDeps): (app: App) => void {
  return (app) => {
    registerLogin(app, deps);
    registerMfaVerify(app, deps);
    registerMfaSetup(app, deps);
    registerMfaConfirm(app, deps);
    registerRefresh(app, deps);
    registerLogout(app, deps);
    registerMe(app, deps);
    registerSetup(app, deps); // only with deps.setupTokens
  };
}

/**
 * The /api/v2/* authentication for createApp's `middleware`: a Bearer access token (or an API key,
 * if `apiKeys` is given) sets `principal` and, from the registry, `tenant`. A request without any
 * credential passes with neither, so the public auth routes work and every tenant route refuses
 * it (requireTenant, requirePermission: 401). A token of a tenant this runtime does not serve: 401.
 */
export function authenticateRequests(
  deps: Pick<AuthRouteDeps, "accessTokens" | "registry">,
  {
    apiKeys,
    clock = () => new Date(),
  }: {
    apiKeys?: Pick<ApiKeyService, "authenticate"> /** @default () => new Date() */;
    clock?: () => Date;
  } = {},
): MiddlewareHandler<AppEnv> {
  return authenticate({
    accessTokens: deps.accessTokens,
    ...(apiKeys ? { apiKeys } : {}),
    optional: true,
    clock,
    onAuthenticated(c, principal) {
      const l = deps.registry.get(principal.tenantId);
      if (!l) return false;
      c.set("tenant", { id: l.tenantId, slug: l.slug, tier: l.tier });
      return true;
    },
  }) as MiddlewareHandler<AppEnv>;
}
