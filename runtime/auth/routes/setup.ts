// POST /api/v2/auth/setup: a tenant's first admin chooses a password with the one-time token the
// operator printed when the tenant became Ready, and gets a session. The token is checked against
// the hashes in the operator's admin setup Secret (runtime/tenants); it works once, because it
// only sets a password on an account that has none, and it expires (72 h by default).
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { tenants, users } from "../../db/schema/index.ts";
import { findUserByEmail, recordLoginSuccess } from "../stores/index.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { MfaEnrollmentSchema } from "./login.ts";
import { errorResponses, NewPassword, SessionSchema, TenantSlug } from "./schemas.ts";
import {
  audit,
  auditIn,
  hashNewPassword,
  issueEnrollment,
  issueSession,
  now,
  tenantBySlug,
  unauthorized,
} from "./session.ts";

export const SetupBody = z
  .strictObject({
    tenant: TenantSlug,
    token: z.string().min(1).max(200).openapi({ example: "wspec_setup_…" }),
    password: NewPassword,
  })
  .openapi("SetupRequest");

export const setupRoute = createRoute({
  method: "post",
  path: "/api/v2/auth/setup",
  tags: ["auth"],
  summary: "First sign-in of a tenant admin with the one-time setup token",
  description:
    "Sets the admin's password (password policy applies) and answers a session, or an MFA enrollment session when the tenant requires MFA. The token works once and expires; a used one answers 409.",
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: SetupBody } } } },
  responses: {
    200: {
      description: "a session, or an MFA enrollment session",
      content: { "application/json": { schema: envelopeOf(z.union([SessionSchema, MfaEnrollmentSchema])) } },
    },
    ...errorResponses(400, 401, 403, 409, 422, 429),
  },
});

/** Unknown tenant and unknown token get one message: no oracle for which tenants exist. */
const NOT_VALID = "setup token is not valid for this tenant";

export function registerSetup(app: App, deps: AuthRouteDeps): void {
  const tokens = deps.setupTokens;
  if (!tokens) return;
  app.openapi(setupRoute, async (c) => {
    const body = c.req.valid("json");
    const tenant = tenantBySlug(deps, body.tenant);
    if (!tenant) throw unauthorized(NOT_VALID);
    const found = tokens.lookup(tenant.id, body.token, now(c));
    if (found.kind === "unknown") {
      await audit(c, deps, tenant.id, {
        action: "auth.setup.failed",
        actorType: "anonymous",
        metadata: { reason: "unknown_token" },
      });
      throw unauthorized(NOT_VALID);
    }
    const email = found.entry.email.trim().toLowerCase();
    if (found.kind === "expired") {
      await audit(c, deps, tenant.id, {
        action: "auth.setup.failed",
        actorType: "anonymous",
        metadata: { reason: "expired", email },
      });
      throw unauthorized(
        `setup token expired at ${found.entry.expiresAt}; ask the platform team for a new setup link`,
      );
    }
    const passwordHash = await hashNewPassword(deps, body.password, { email });
    const user = await deps.databases.withTenant(tenant.id, async (tx) => {
      // The row lock makes two concurrent uses of one token queue: the second sees the password.
      let row = await findUserByEmail(tx, email, { forUpdate: true });
      if (!row) {
        // The token is valid but the account was not made yet (the Secret just arrived).
        [row] = await tx
          .insert(users)
          .values({ tenantId: tenant.id, email, role: "tenant-admin" })
          .onConflictDoNothing()
          .returning();
        row ??= await findUserByEmail(tx, email, { forUpdate: true });
      }
      if (!row) throw new Error(`admin ${email} could not be created`);
      if (row.passwordHash !== null) {
        await auditIn(c, deps, tx, tenant.id, {
          action: "auth.setup.failed",
          actorType: "anonymous",
          resourceId: row.id,
          metadata: { reason: "already_used", email },
        });
        return { refused: "used" as const };
      }
      if (row.status !== "active") return { refused: "disabled" as const };
      const [t] = await tx
        .select({ mfaRequired: tenants.mfaRequired })
        .from(tenants)
        .where(eq(tenants.id, tenant.id));
      const at = now(c);
      await tx.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, row.id));
      await recordLoginSuccess(tx, row.id, at);
      await auditIn(c, deps, tx, tenant.id, {
        action: "auth.setup.completed",
        actorType: "user",
        actorId: row.id,
        resourceId: row.id,
        metadata: { email, role: row.role },
      });
      // The first sign-in obeys the tenant's MFA requirement like every later one (login.ts).
      return {
        refused: undefined,
        id: row.id,
        role: row.role,
        enroll: t?.mfaRequired === true && !row.mfaEnabled,
      };
    });
    if (user.refused === "used") {
      throw new ApiError({
        code: "CONFLICT",
        message:
          "this setup token was already used: the account has a password; sign in with /api/v2/auth/login",
      });
    }
    if (user.refused === "disabled")
      throw new ApiError({ code: "FORBIDDEN", message: "account is disabled" });
    const who = { id: user.id, tenantId: tenant.id, role: user.role };
    if (user.enroll) return ok(c, await issueEnrollment(c, deps, who), 200);
    const session = await issueSession(c, deps, who, ["pwd"]);
    return ok(c, session.body, 200);
  });
}
