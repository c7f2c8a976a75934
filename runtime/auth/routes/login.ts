// POST /api/v2/auth/login: email, password and tenant slug. Answers a session, or an MFA challenge
// when the account has TOTP enabled, or a restricted enrollment session when the tenant requires
// MFA and the account has none yet. Repeated failures lock the account; a locked account answers
// like a wrong password (401), so the answer never tells which accounts exist.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { tenants } from "../../db/schema/index.ts";
import { DEFAULT_LOCKOUT_POLICY } from "../lockout.ts";
import { findUserByEmail, recordLoginFailure, recordLoginSuccess, userLockout } from "../stores/index.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { errorResponses, SessionSchema, TenantSlug } from "./schemas.ts";
import {
  auditIn,
  BAD_CREDENTIALS,
  issueEnrollment,
  issueSession,
  now,
  tenantBySlug,
  unauthorized,
} from "./session.ts";

export const LoginBody = z
  .strictObject({
    // The pattern zod checks, in the document too: format "email" alone admits more.
    email: z.email().max(320).openapi({ pattern: z.regexes.email.source }),
    password: z.string().min(1).max(1024),
    tenant: TenantSlug,
  })
  .openapi("LoginRequest");

export const MfaChallengeSchema = z
  .object({
    mfa_required: z.literal(true),
    mfa_token: z.string().openapi({ description: "send it with a TOTP code to /auth/mfa/verify" }),
    mfa_expires_at: z.string(),
  })
  .openapi("MfaChallenge");

export const MfaEnrollmentSchema = z
  .object({
    mfa_enrollment_required: z.literal(true),
    access_token: z.string().openapi({
      description: "a session that may only call /auth/me, /auth/mfa/setup and /auth/mfa/confirm",
    }),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
  })
  .openapi("MfaEnrollment");

export const LoginResultSchema = z.union([SessionSchema, MfaChallengeSchema, MfaEnrollmentSchema]);
export type LoginResult = z.infer<typeof LoginResultSchema>;

export const loginRoute = createRoute({
  method: "post",
  path: "/api/v2/auth/login",
  tags: ["auth"],
  summary: "Sign in with email, password and tenant",
  description:
    "Five failed attempts within 15 minutes lock the account for 15 minutes; a locked account answers 401 like a wrong password. Too many attempts from one address: 429 RATE_LIMITED with Retry-After.",
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: LoginBody } } } },
  responses: {
    200: {
      description: "a session, an MFA challenge, or an MFA enrollment session",
      content: { "application/json": { schema: envelopeOf(LoginResultSchema) } },
    },
    ...errorResponses(400, 401, 403, 429),
  },
});

type Outcome =
  | { kind: "fail"; error: ApiError }
  | { kind: "mfa"; userId: string }
  | { kind: "enroll"; userId: string; role: import("../rbac.ts").Role }
  | { kind: "session"; userId: string; role: import("../rbac.ts").Role };

export function registerLogin(app: App, deps: AuthRouteDeps): void {
  const policy = deps.lockout ?? DEFAULT_LOCKOUT_POLICY;
  // Unknown emails cost a hash verification too, so timing does not tell which emails exist.
  const dummy = deps.passwords.hash("wspec-timing-equalizer");
  app.openapi(loginRoute, async (c) => {
    const body = c.req.valid("json");
    const tenant = tenantBySlug(deps, body.tenant);
    if (!tenant) {
      await deps.passwords.verify(await dummy, body.password);
      throw unauthorized(BAD_CREDENTIALS);
    }
    let at = now(c);
    const outcome = await deps.databases.withTenant(tenant.id, async (tx): Promise<Outcome> => {
      const [t] = await tx.select().from(tenants).where(eq(tenants.id, tenant.id));
      const user = await findUserByEmail(tx, body.email, { forUpdate: true });
      // The time is read once the row is locked: attempts that queued behind others are judged
      // (and recorded) after them, so each sees every failure before it.
      at = now(c);
      const fail = async (action: string, error: ApiError, metadata: Record<string, unknown> = {}) => {
        await auditIn(c, deps, tx, tenant.id, {
          action,
          actorType: user ? "user" : "anonymous",
          actorId: user?.id ?? null,
          resourceId: user?.id ?? null,
          metadata: { email: body.email.trim().toLowerCase(), ...metadata },
        });
        return { kind: "fail", error } as const;
      };
      if (t?.status === "suspended") {
        return fail(
          "auth.login.failed",
          new ApiError({ code: "FORBIDDEN", message: `tenant "${tenant.slug}" is suspended` }),
          {
            reason: "tenant_suspended",
          },
        );
      }
      if (!user?.passwordHash) {
        await deps.passwords.verify(await dummy, body.password);
        return fail("auth.login.failed", unauthorized(BAD_CREDENTIALS), { reason: "unknown_user" });
      }
      const state = userLockout(user, at, policy);
      if (state.locked) {
        // A locked account answers exactly as an unknown one, after the same hashing work: a
        // distinct status would tell an attacker which emails have accounts. The lock is in the
        // audit log; the per-IP limit (rate-limit/unauthenticated) answers floods with 429.
        await deps.passwords.verify(await dummy, body.password);
        return fail("auth.login.locked", unauthorized(BAD_CREDENTIALS), { until: state.until.toISOString() });
      }
      if (!(await deps.passwords.verify(user.passwordHash, body.password))) {
        const after = await recordLoginFailure(tx, user, at, policy);
        return fail("auth.login.failed", unauthorized(BAD_CREDENTIALS), {
          reason: "bad_password",
          locked: after.locked,
        });
      }
      if (user.status !== "active") {
        return fail(
          "auth.login.failed",
          new ApiError({ code: "FORBIDDEN", message: "account is disabled" }),
          {
            reason: "user_disabled",
          },
        );
      }
      if (user.mfaEnabled) {
        await auditIn(c, deps, tx, tenant.id, {
          action: "auth.login.mfa_required",
          actorType: "user",
          actorId: user.id,
          resourceId: user.id,
        });
        return { kind: "mfa", userId: user.id };
      }
      await recordLoginSuccess(tx, user.id, at);
      if (t?.mfaRequired) {
        await auditIn(c, deps, tx, tenant.id, {
          action: "auth.login.mfa_enrollment",
          actorType: "user",
          actorId: user.id,
          resourceId: user.id,
        });
        return { kind: "enroll", userId: user.id, role: user.role };
      }
      return { kind: "session", userId: user.id, role: user.role };
    });
    if (outcome.kind === "fail") throw outcome.error;
    if (outcome.kind === "mfa") {
      const challenge = await deps.accessTokens.issueMfaChallenge(
        { sub: outcome.userId, tenant: tenant.id },
        at,
      );
      return ok(
        c,
        {
          mfa_required: true as const,
          mfa_token: challenge.token,
          mfa_expires_at: challenge.expiresAt.toISOString(),
        },
        200,
      );
    }
    if (outcome.kind === "enroll") {
      return ok(
        c,
        await issueEnrollment(c, deps, { id: outcome.userId, tenantId: tenant.id, role: outcome.role }),
        200,
      );
    }
    const session = await issueSession(
      c,
      deps,
      { id: outcome.userId, tenantId: tenant.id, role: outcome.role },
      ["pwd"],
    );
    await deps.databases.withTenant(tenant.id, (tx) =>
      auditIn(c, deps, tx, tenant.id, {
        action: "auth.login",
        actorType: "user",
        actorId: outcome.userId,
        resourceId: outcome.userId,
        metadata: { family_id: session.familyId, amr: ["pwd"] },
      }),
    );
    return ok(c, session.body, 200);
  });
}
