// What the share routes have in common: the share's public shape, the path parameters, finding the
// document the caller may see, and which shares are active.
import { z } from "@hono/zod-openapi";
import { and, eq, gt, isNull, or, type SQL } from "drizzle-orm";
import type { Principal } from "../../../auth/rbac.ts";
import type { TenantTx } from "../../../db/index.ts";
import { DOCUMENT_PERMISSIONS } from "../../../db/schema/document-permissions/index.ts";
import { type DocumentPermission, documentPermissions, documents } from "../../../db/schema/index.ts";
import { liveVisible } from "../../visibility.ts";
import { documentNotFound } from "../extras/index.ts";

export const ShareSchema = z
  .object({
    id: z.uuid(),
    document_id: z.uuid(),
    user_id: z.uuid(),
    permission: z.enum(DOCUMENT_PERMISSIONS),
    expires_at: z.string().nullable(),
    granted_by: z.uuid().nullable(),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .openapi("Share");
export type ShareView = z.infer<typeof ShareSchema>;

export function shareView(s: DocumentPermission): ShareView {
  return {
    id: s.id,
    document_id: s.documentId,
    user_id: s.granteeUserId,
    permission: s.permission,
    expires_at: s.expiresAt?.toISOString() ?? null,
    granted_by: s.grantedBy,
    created_at: s.createdAt.toISOString(),
    revoked_at: s.revokedAt?.toISOString() ?? null,
  };
}

const DocumentIdParam = z.uuid().openapi({ param: { name: "id", in: "path" }, example: "4f1c2d3e-…" });
export const DocumentParams = z.object({ id: DocumentIdParam });
export const ShareParams = z.object({
  id: DocumentIdParam,
  share_id: z.uuid().openapi({ param: { name: "share_id", in: "path" } }),
});

/**
 * The live document if the caller may see it, otherwise 404: the same for "missing", "deleted"
 * and "not yours", so nothing is revealed. `lock` makes concurrent grants on it queue up, so the
 * duplicate check before an insert holds.
 */
export async function visibleDocument(
  tx: TenantTx,
  principal: Principal,
  id: string,
  at: Date,
  { lock = false }: { lock?: boolean } = {},
): Promise<{ id: string }> {
  const query = tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.id, id), liveVisible(principal, at)));
  const [doc] = lock ? await query.for("update") : await query;
  if (!doc) throw documentNotFound(id);
  return doc;
}

/** Not revoked and not expired at `at`. */
export function activeAt(at: Date): SQL {
  return and(
    isNull(documentPermissions.revokedAt),
    or(isNull(documentPermissions.expiresAt), gt(documentPermissions.expiresAt, at)),
  ) as SQL;
}
