export { REFRESH_REVOKE_REASONS } from "./constants.ts";
export { type NewRefreshToken, type RefreshToken, refreshTokens } from "./refresh-token.ts";
