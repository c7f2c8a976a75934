import type { AuditKey } from "../../audit/index.ts";
import type { TenantRegistry } from "../../db/index.ts";
import type { SetupTokens } from "../../tenants/index.ts";
import type { AccessTokenService } from "../access-token.ts";
import type { LockoutPolicy } from "../lockout.ts";
import type { PasswordHasher } from "../password.ts";
import type { RefreshTokenServiceOptions } from "../refresh-token.ts";
import type { SecretBox } from "../secret-box.ts";
import type { TenantScope } from "../stores/index.ts";

export interface AuthRouteDeps {
  /** TenantDatabases (runtime/db): every query runs in the tenant's RLS transaction. */
  databases: TenantScope;
  /** Public routes name the tenant by slug; tokens carry its id. */
  registry: Pick<TenantRegistry, "get" | "getBySlug">;
  accessTokens: AccessTokenService;
  passwords: PasswordHasher;
  /** Encrypts TOTP secrets at rest, bound to tenant and user. */
  secretBox: SecretBox;
  /** @default DEFAULT_LOCKOUT_POLICY (5 failures in 15 min lock for 15 min) */
  lockout?: LockoutPolicy;
  /** Refresh token lifetimes. */
  refresh?: Omit<RefreshTokenServiceOptions, "clock">;
  /** The issuer shown in authenticator apps. @default "wspec" */
  totpIssuer?: string;
  /** The admins' pending setup tokens (runtime/tenants): enables POST /auth/setup. */
  setupTokens?: Pick<SetupTokens, "lookup">;
  /** HMAC key(s) of each tenant's audit chain (runtime/audit AuditKey). */
  auditKey?: AuditKey;
}
