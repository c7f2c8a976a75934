/** Why a refresh token family ended (runtime/auth RevokeReason). */
export const REFRESH_REVOKE_REASONS = [
  "logout",
  "reuse_detected",
  "password_changed",
  "mfa_required",
  "admin",
  "user_disabled",
] as const;
