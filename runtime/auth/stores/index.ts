// PostgreSQL implementations of runtime/auth's stores, each confined to a tenant by RLS.
export { adjustApiKeysOf, PgApiKeyStore, TenantsApiKeyStore } from "./api-key-store.ts";
export type { TenantScope } from "./deps.ts";
export { PgRefreshTokenStore, type PgRefreshTokenStoreOptions } from "./refresh-token-store.ts";
export {
  enableMfa,
  findUserByEmail,
  findUserById,
  normalizeEmail,
  recordLoginFailure,
  recordLoginSuccess,
  startMfaSetup,
  userLockout,
} from "./user-store.ts";
