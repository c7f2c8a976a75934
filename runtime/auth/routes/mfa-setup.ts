// POST /api/v2/auth/mfa/setup (signed in): a new TOTP secret, stored encrypted and not yet active;
// /auth/mfa/confirm activates it. Refused while MFA is already on (409), so a stolen session
// cannot silently replace the second factor.
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { findUserById, startMfaSetup } from "../stores/index.ts";
import { createTotpSetup } from "../totp.ts";
import { requireUserSession } from "./current-user.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { errorResponses } from "./schemas.ts";
import { auditIn, now, unauthorized } from "./session.ts";

export const MfaSetupSchema = z
  .object({
    secret: z.string().openapi({ description: "base32 secret, for manual entry" }),
    otpauth_uri: z.string().openapi({ description: "otpauth://totp/… for a QR code" }),
  })
  .openapi("MfaSetup");

export const mfaSetupRoute = createRoute({
  method: "post",
  path: "/api/v2/auth/mfa/setup",
  tags: ["auth"],
  summary: "Start TOTP enrollment",
  responses: {
    200: {
      description: "the new secret",
      content: { "application/json": { schema: envelopeOf(MfaSetupSchema) } },
    },
    ...errorResponses(401, 403, 409),
  },
});

export function registerMfaSetup(app: App, deps: AuthRouteDeps): void {
  app.openapi(mfaSetupRoute, async (c) => {
    const { tenant, principal } = requireUserSession(c);
    const at = now(c);
    const result = await deps.databases.withTenant(tenant.id, async (tx) => {
      const user = await findUserById(tx, principal.id, { forUpdate: true });
      if (user?.status !== "active") throw unauthorized("account not found or disabled");
      if (user.mfaEnabled) throw new ApiError({ code: "CONFLICT", message: "MFA is already enabled" });
      const setup = createTotpSetup({ issuer: deps.totpIssuer ?? "wspec", accountName: user.email });
      await startMfaSetup(tx, user.id, deps.secretBox.seal(setup.secret, `${tenant.id}:${user.id}`), at);
      await auditIn(c, deps, tx, tenant.id, { action: "auth.mfa.setup", resourceId: user.id });
      return setup;
    });
    return ok(c, { secret: result.secret, otpauth_uri: result.uri }, 200);
  });
}
