// What the /api/v2/users routes share: the user's public shape, its id parameter, the cursor.
import { z } from "@hono/zod-openapi";
import { ApiError, refusedCursor } from "../../../app/index.ts";
import type { User } from "../../../db/schema/index.ts";
import { ROLES } from "../../rbac.ts";

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    display_name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(["active", "disabled"]),
    mfa_enabled: z.boolean(),
    last_login_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("User");

export function userView(u: User): z.infer<typeof UserSchema> {
  return {
    id: u.id,
    email: u.email,
    display_name: u.displayName,
    role: u.role,
    status: u.status,
    mfa_enabled: u.mfaEnabled,
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
    created_at: u.createdAt.toISOString(),
  };
}

export const UserIdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "4f1c2d3e-…" }),
});

/** Only a global-admin hands out global-admin. */
export function checkGrantable(granter: string, role: string): void {
  if (role === "global-admin" && granter !== "global-admin") {
    throw new ApiError({
      code: "FORBIDDEN",
      message: `role "global-admin" can only be granted by a global-admin (you are "${granter}")`,
    });
  }
}

export function notFound(id: string): ApiError {
  return new ApiError({ code: "NOT_FOUND", message: `user ${id} not found` });
}

/** Opaque page cursor: the last id of the page (ids order the list). */
export function encodeUserCursor(id: string): string {
  return Buffer.from(id).toString("base64url");
}

export function decodeUserCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString();
  if (!z.uuid().safeParse(id).success) {
    throw refusedCursor("is not a cursor returned by this API");
  }
  return id;
}
