// POST /api/v2/auth/mfa/verify: the challenge from /auth/login plus a TOTP code gives a session.
// A code works once (the accepted step is stored), a challenge works once (its jti is stored),
// and wrong codes count toward the same lockout as wrong passwords.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { users } from "../../db/schema/index.ts";
import { DEFAULT_LOCKOUT_POLICY } from "../lockout.ts";
import type { Role } from "../rbac.ts";
import { findUserById, recordLoginFailure, recordLoginSuccess, userLockout } from "../stores/index.ts";
import { verifyTotp } from "../totp.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { errorResponses, SessionSchema } from "./schemas.ts";
import { auditIn, issueSession, locked, now, unauthorized } from "./session.ts";

export const MfaVerifyBody = z
  .strictObject({
    mfa_token: z.string().min(1).max(8192),
    code: z.string().regex(/^\d{6}$/, "must be 6 digits"),
  })
  .openapi("MfaVerifyRequest");

export const mfaVerifyRoute = createRoute({
  method: "post",
  path: "/api/v2/auth/mfa/verify",
  tags: ["auth"],
  summary: "Complete a sign-in with a TOTP code",
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: MfaVerifyBody } } } },
  responses: {
    200: { description: "a session", content: { "application/json": { schema: envelopeOf(SessionSchema) } } },
    ...errorResponses(400, 401, 403, 429),
  },
});

export function registerMfaVerify(app: App, deps: AuthRouteDeps): void {
  const policy = deps.lockout ?? DEFAULT_LOCKOUT_POLICY;
  app.openapi(mfaVerifyRoute, async (c) => {
    const body = c.req.valid("json");
    const challenge = await deps.accessTokens.verifyMfaChallenge(body.mfa_token, now(c));
    if (challenge.err) throw unauthorized(challenge.err.message);
    const { sub, tenant: tenantId, jti } = challenge.val;
    if (!deps.registry.get(tenantId)) throw unauthorized("MFA challenge is not valid");
    type Outcome = { error: ApiError; role?: never } | { error?: never; role: Role };
    const outcome = await deps.databases.withTenant(tenantId, async (tx): Promise<Outcome> => {
      const user = await findUserById(tx, sub, { forUpdate: true });
      const at = now(c); // after the row lock: see login.ts
      if (!user?.mfaEnabled || !user.mfaSecret) return { error: unauthorized("MFA challenge is not valid") };
      const fail = async (reason: string, error: ApiError) => {
        await auditIn(c, deps, tx, tenantId, {
          action: "auth.mfa.failed",
          actorType: "user",
          actorId: user.id,
          resourceId: user.id,
          metadata: { reason },
        });
        return { error };
      };
      if (user.status !== "active") {
        return fail("user_disabled", new ApiError({ code: "FORBIDDEN", message: "account is disabled" }));
      }
      const state = userLockout(user, at, policy);
      if (state.locked) return fail("locked", locked(state));
      if (user.mfaLastChallengeJti === jti)
        return fail("challenge_reused", unauthorized("MFA challenge was already used; sign in again"));
      const secret = deps.secretBox.open(user.mfaSecret, `${tenantId}:${user.id}`);
      const totp = await verifyTotp({ secret, code: body.code, lastUsedStep: user.mfaLastStep, now: at });
      if (totp.err) {
        await recordLoginFailure(tx, user, at, policy);
        return fail(totp.err.code, unauthorized(totp.err.message));
      }
      await recordLoginSuccess(tx, user.id, at, { step: totp.val.step, challengeJti: jti });
      // A secret sealed before sealing keys had purposes is written back under the TOTP key.
      if (deps.secretBox.needsReseal(user.mfaSecret)) {
        const resealed = deps.secretBox.seal(secret, `${tenantId}:${user.id}`);
        await tx.update(users).set({ mfaSecret: resealed }).where(eq(users.id, user.id));
      }
      return { role: user.role };
    });
    if (outcome.error) throw outcome.error;
    const session = await issueSession(c, deps, { id: sub, tenantId, role: outcome.role }, ["pwd", "otp"]);
    await deps.databases.withTenant(tenantId, (tx) =>
      auditIn(c, deps, tx, tenantId, {
        action: "auth.login",
        actorType: "user",
        actorId: sub,
        resourceId: sub,
        metadata: { family_id: session.familyId, amr: ["pwd", "otp"] },
      }),
    );
    return ok(c, session.body, 200);
  });
}
