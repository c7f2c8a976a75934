import { z } from "@hono/zod-openapi";
import type { ApiKeyRecord } from "../../api-key.ts";

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "the public part of the key, to recognise it" }),
    role: z.string(),
    scopes: z.array(z.string()),
    created_by: z.string().nullable(),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
  })
  .openapi("ApiKey");

export function apiKeyView(r: ApiKeyRecord): z.infer<typeof ApiKeySchema> {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    scopes: [...r.scopes],
    created_by: r.createdBy || null,
    created_at: r.createdAt.toISOString(),
    expires_at: r.expiresAt?.toISOString() ?? null,
    revoked_at: r.revokedAt?.toISOString() ?? null,
    last_used_at: r.lastUsedAt?.toISOString() ?? null,
  };
}
