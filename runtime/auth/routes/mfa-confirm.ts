// POST /api/v2/auth/mfa/confirm (signed in): a first code from the authenticator app turns MFA on.
// Its step is stored, so the same code cannot then complete a sign-in.
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { enableMfa, findUserById } from "../stores/index.ts";
import { verifyTotp } from "../totp.ts";
import { requireUserSession, userSessionRequired } from "./current-user.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { errorResponses } from "./schemas.ts";
import { auditIn, now, unauthorized } from "./session.ts";

export const MfaConfirmBody = z
  .strictObject({ code: z.string().regex(/^\d{6}$/, "must be 6 digits") })
  .openapi("MfaConfirmRequest");

export const mfaConfirmRoute = createRoute({
  method: "post",
  path: "/api/v2/auth/mfa/confirm",
  tags: ["auth"],
  summary: "Activate TOTP with a first code",
  middleware: [userSessionRequired] as const,
  request: { body: { required: true, content: { "application/json": { schema: MfaConfirmBody } } } },
  responses: {
    200: {
      description: "MFA is on",
      content: { "application/json": { schema: envelopeOf(z.object({ mfa_enabled: z.literal(true) })) } },
    },
    ...errorResponses(400, 401, 403, 409, 422),
  },
});

export function registerMfaConfirm(app: App, deps: AuthRouteDeps): void {
  app.openapi(mfaConfirmRoute, async (c) => {
    const { tenant, principal } = requireUserSession(c);
    const { code } = c.req.valid("json");
    const at = now(c);
    await deps.databases.withTenant(tenant.id, async (tx) => {
      const user = await findUserById(tx, principal.id, { forUpdate: true });
      if (user?.status !== "active") throw unauthorized("account not found or disabled");
      if (user.mfaEnabled) throw new ApiError({ code: "CONFLICT", message: "MFA is already enabled" });
      if (!user.mfaSecret) {
        throw new ApiError({
          code: "CONFLICT",
          message: "no MFA setup in progress; call /auth/mfa/setup first",
        });
      }
      const secret = deps.secretBox.open(user.mfaSecret, `${tenant.id}:${user.id}`);
      const totp = await verifyTotp({ secret, code, lastUsedStep: user.mfaLastStep, now: at });
      if (totp.err) {
        throw new ApiError({
          code: "UNPROCESSABLE_ENTITY",
          message: totp.err.message,
          details: [{ field: "code", message: totp.err.message }],
        });
      }
      await enableMfa(tx, user.id, totp.val.step, at);
      await auditIn(c, deps, tx, tenant.id, { action: "auth.mfa.enabled", resourceId: user.id });
    });
    return ok(c, { mfa_enabled: true as const }, 200);
  });
}
