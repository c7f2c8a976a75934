// Schemas shared by the auth routes (request pieces and the session they answer with).
import { z } from "@hono/zod-openapi";
import { errorResponses as describeErrors } from "../../app/index.ts";
import { TENANT_SLUG } from "../../db/index.ts";

export const TenantSlug = z
  .string()
  .regex(TENANT_SLUG, "must be a tenant id (lowercase letters, digits, inner hyphens)")
  .openapi({ example: "acme-bank" });

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
  422: "the code is not valid",
  429: "too many attempts: from this address, in all, or on this MFA challenge's account (Retry-After)",
});
