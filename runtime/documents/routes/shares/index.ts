import type { App } from "../../../app/index.ts";
import type { DocumentExtrasDeps } from "../extras/index.ts";
import { registerCreateShare } from "./create-share.ts";
import { registerListShares } from "./list-shares.ts";
import { registerRevokeShare } from "./revoke-share.ts";

export { CreateShareBody, createShareRoute, MAX_SHARE_DAYS, registerCreateShare } from "./create-share.ts";
export { listSharesRoute, registerListShares, ShareListSchema } from "./list-shares.ts";
export { registerRevokeShare, revokeShareRoute } from "./revoke-share.ts";
export { ShareSchema, type ShareView } from "./schemas.ts";

/** Registers /api/v2/documents/{id}/shares (documents:share). */
export function registerShareRoutes(deps: DocumentExtrasDeps): (app: App) => void {
  return (app) => {
    registerCreateShare(app, deps);
    registerListShares(app, deps);
    registerRevokeShare(app, deps);
  };
}
