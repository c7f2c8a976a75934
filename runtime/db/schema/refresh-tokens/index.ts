export { type NewRefreshToken, type RefreshToken, refreshTokens } from "./refresh-token.ts";
