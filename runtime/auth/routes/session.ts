// What the auth routes share: resolving the tenant, issuing a session, refusing, auditing.
import type { Context } from "hono";
import { ApiError, type TenantContext } from "../../app/index.ts";
import type { AuditEntry } from "../../audit/index.ts";
import { appendAudit, entryFromContext } from "../../audit/index.ts";
import type { TenantTx } from "../../db/index.ts";
import type { AuthMethod } from "../access-token.ts";
import type { LockoutState } from "../lockout.ts";
import { checkPassword } from "../password.ts";
import type { Role } from "../rbac.ts";
import { RefreshTokenService } from "../refresh-token.ts";
import { PgRefreshTokenStore } from "../stores/index.ts";
import type { AuthRouteDeps } from "./deps.ts";

/**
 * A chosen password's hash. Its length was checked by the schema (NewPassword); one the policy
 * still refuses (too few distinct characters, a sequence, the user's email) is a 422 naming every
 * rule it breaks.
 */
export async function hashNewPassword(
  deps: AuthRouteDeps,
  password: string,
  context: { email: string; name?: string },
): Promise<string> {
  const issues = checkPassword(password, context);
  if (issues.length > 0) {
    throw new ApiError({
      code: "UNPROCESSABLE_ENTITY",
      message: "invalid body: password",
      details: issues.map((i) => ({ field: "password", message: i.message })),
    });
  }
  return deps.passwords.hash(password);
}

/** One message for every wrong email, password or tenant: no oracle for which one was wrong. */
export const BAD_CREDENTIALS = "email, password or tenant is not valid";

export function unauthorized(message: string): ApiError {
  return new ApiError({ code: "UNAUTHORIZED", message, headers: { "WWW-Authenticate": "Bearer" } });
}

/** 429 with Retry-After: the account is locked (429 rather than 423: a closed ErrorCode set). */
export function locked(state: Extract<LockoutState, { locked: true }>): ApiError {
  return new ApiError({
    code: "RATE_LIMITED",
    message: `account locked after repeated failed sign-ins; retry after ${state.retryAfterSeconds} s`,
    headers: { "Retry-After": String(state.retryAfterSeconds) },
  });
}

export function tenantBySlug(deps: AuthRouteDeps, slug: string): TenantContext | undefined {
  const l = deps.registry.getBySlug(slug);
  return l ? { id: l.tenantId, slug: l.slug, tier: l.tier } : undefined;
}

export function now(c: Context): Date {
  return (c.get("clock") ?? (() => new Date()))();
}

export function refreshService(c: Context, deps: AuthRouteDeps, tenantId: string): RefreshTokenService {
  const { ip, userAgent } = entryFromContext(c, { action: "", resourceType: "" });
  return new RefreshTokenService(
    new PgRefreshTokenStore(deps.databases, tenantId, { ip: ip ?? null, userAgent: userAgent ?? null }),
    { ...deps.refresh, clock: () => now(c) },
  );
}

export async function issueSession(
  c: Context,
  deps: AuthRouteDeps,
  user: { id: string; tenantId: string; role: Role },
  amr: AuthMethod[],
) {
  const refresh = await refreshService(c, deps, user.tenantId).issue({
    tenantId: user.tenantId,
    userId: user.id,
  });
  const access = await deps.accessTokens.issue(
    { sub: user.id, tenant: user.tenantId, role: user.role, scopes: ["*"], amr },
    now(c),
  );
  return {
    familyId: refresh.familyId,
    body: {
      access_token: access.token,
      token_type: "Bearer" as const,
      expires_in: deps.accessTokens.ttlSeconds,
      refresh_token: refresh.token,
      refresh_expires_at: refresh.expiresAt.toISOString(),
    },
  };
}

/**
 * The session of a user who must enroll in MFA first (the tenant requires it and the account has
 * none): an access token that may only reach /auth/me, /auth/mfa/setup and /auth/mfa/confirm, and
 * no refresh token, so nothing outlives it. Login, setup and refresh all answer this one.
 */
export async function issueEnrollment(
  c: Context,
  deps: AuthRouteDeps,
  user: { id: string; tenantId: string; role: Role },
) {
  const access = await deps.accessTokens.issue(
    { sub: user.id, tenant: user.tenantId, role: user.role, scopes: ["mfa:enroll"], amr: ["pwd"] },
    now(c),
  );
  return {
    mfa_enrollment_required: true as const,
    access_token: access.token,
    token_type: "Bearer" as const,
    expires_in: deps.accessTokens.ttlSeconds,
  };
}

type AuthEvent = Pick<AuditEntry, "action"> & Partial<AuditEntry>;

/** Appends an auth event to the tenant's audit chain inside the caller's transaction. */
export async function auditIn(
  c: Context,
  deps: AuthRouteDeps,
  tx: TenantTx,
  tenantId: string,
  entry: AuthEvent,
): Promise<void> {
  const resourceType = entry.resourceType ?? "user";
  const base = entryFromContext(c, { action: entry.action, resourceType });
  await appendAudit(
    tx,
    tenantId,
    { ...base, ...entry, resourceType },
    { ...(deps.auditKey ? { key: deps.auditKey } : {}), clock: () => now(c) },
  );
}

/** Appends an auth event in a transaction of its own. */
export function audit(c: Context, deps: AuthRouteDeps, tenantId: string, entry: AuthEvent): Promise<void> {
  return deps.databases.withTenant(tenantId, (tx) => auditIn(c, deps, tx, tenantId, entry));
}
