// Schemas shared by the auth routes (request pieces and the session they answer with).
import { z } from "@hono/zod-openapi";
import { errorResponses as describeErrors } from "../../app/index.ts";
import { TENANT_SLUG } from "../../db/index.ts";
import { DEFAULT_PASSWORD_POLICY } from "../password.ts";

export const TenantSlug = z
  .string()
  .regex(TENANT_SLUG, "must be a tenant id (lowercase letters, digits, inner hyphens)")
  .openapi({ example: "acme-bank" });

const { minLength, maxLength } = DEFAULT_PASSWORD_POLICY;
const characters = (s: string) => [...s].length;

/**
 * A password being chosen: its length bounds are the policy's, counted in characters as JSON
 * Schema counts them (so the document and the server agree); the policy's other rules, which no
 * schema can state, answer 422 (hashNewPassword).
 */
export const NewPassword = z
  .string()
  .superRefine((s, ctx) => {
    const n = characters(s);
    if (n < minLength || n > maxLength) {
      ctx.addIssue({
        code: "custom",
        message: `password must be at ${n < minLength ? "least" : "most"} ${n < minLength ? minLength : maxLength} characters (got ${n})`,
      });
    }
  })
  .openapi({ minLength, maxLength });

export const RefreshTokenField = z.string().min(1).max(200).openapi({ example: "wspec_rt_…" });

export const SessionSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().openapi({ description: "seconds until the access token expires" }),
    refresh_token: z.string(),
    refresh_expires_at: z.string(),
  })
  .openapi("AuthSession");

export const errorResponses = describeErrors({
  400: "invalid input",
  401: "not authenticated, or the credentials are wrong",
  403: "not allowed (role, scopes, tenant or account state)",
  404: "not found in this tenant",
  409: "conflicts with the account's state",
  422: "the MFA code is not valid, or the password breaks the policy (each rule named)",
  429: "too many attempts: from this address, in all, or on this MFA challenge's account (Retry-After)",
});
