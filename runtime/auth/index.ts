// Authentication and authorization for the runtime: primitives (passwords, access and refresh
// tokens, API keys, TOTP, lockout, roles and permissions), their PostgreSQL stores (stores/) and
// the /api/v2/auth, /users and /api-keys routes (routes/).
export {
  type AccessTokenClaims,
  type AccessTokenConfig,
  AccessTokenConfigSchema,
  AccessTokenError,
  type AccessTokenErrorCode,
  type AccessTokenService,
  type AccessTokenSubject,
  type AuthMethod,
  createAccessTokenService,
  generateAccessTokenKey,
} from "./access-token.ts";
export {
  ApiKeyError,
  type ApiKeyErrorCode,
  type ApiKeyRecord,
  ApiKeyService,
  type ApiKeyStore,
  type CreateApiKeyInput,
  generateApiKey,
  hashApiKey,
  InMemoryApiKeyStore,
  parseApiKey,
} from "./api-key.ts";
export { type AuthenticateOptions, authenticate } from "./authenticate/index.ts";
export { DEFAULT_LOCKOUT_POLICY, type LockoutPolicy, type LockoutState, lockoutState } from "./lockout.ts";
export {
  type Argon2Params,
  checkPassword,
  createPasswordHasher,
  DEFAULT_ARGON2_PARAMS,
  DEFAULT_PASSWORD_POLICY,
  type PasswordHasher,
  type PasswordHasherOptions,
  type PasswordIssue,
  type PasswordPolicy,
} from "./password.ts";
export {
  allows,
  authorize,
  can,
  checkApiKeyScopes,
  type Denial,
  isPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  type Principal,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from "./rbac.ts";
export {
  hashRefreshToken,
  type IssuedRefreshToken,
  REFRESH_TOKEN_PREFIX,
  type RefreshErrorCode,
  type RefreshFamily,
  RefreshTokenError,
  type RefreshTokenRecord,
  RefreshTokenService,
  type RefreshTokenServiceOptions,
  type RefreshTokenStore,
  type RevokeReason,
} from "./refresh-token.ts";
export { InMemoryRefreshTokenStore } from "./refresh-token-memory.ts";
export { readPrincipal, requirePermission } from "./require-permission/index.ts";
export { createSecretBox, type SecretBox, type SecretBoxKey } from "./secret-box.ts";
export {
  createTotpSetup,
  TOTP_PERIOD_SECONDS,
  TotpError,
  type TotpErrorCode,
  type TotpSetup,
  totpCode,
  type VerifyTotpInput,
  verifyTotp,
} from "./totp.ts";
