import type { App } from "../../../app/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { registerCreateApiKey } from "./create-api-key.ts";
import { registerListApiKeys } from "./list-api-keys.ts";
import { registerRevokeApiKey } from "./revoke-api-key.ts";

export {
  CreateApiKeyBody,
  CreatedApiKeySchema,
  createApiKeyRoute,
  registerCreateApiKey,
} from "./create-api-key.ts";
export { listApiKeysRoute, registerListApiKeys } from "./list-api-keys.ts";
export { registerRevokeApiKey, revokeApiKeyRoute } from "./revoke-api-key.ts";
export { ApiKeySchema } from "./schemas.ts";

/** Registers /api/v2/api-keys (apikeys:manage). */
export function registerApiKeyRoutes(deps: AuthRouteDeps): (app: App) => void {
  return (app) => {
    registerCreateApiKey(app, deps);
    registerListApiKeys(app, deps);
    registerRevokeApiKey(app, deps);
  };
}
