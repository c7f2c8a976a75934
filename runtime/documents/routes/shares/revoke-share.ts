// DELETE /api/v2/documents/{id}/shares/{share_id} (documents:share): ends a share now. The row
// stays (revoked_at set) so the audit trail can point at it.
import { createRoute } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentPermissions } from "../../../db/schema/index.ts";
import { auditIn, caller, type DocumentExtrasDeps, errorResponses, now } from "../extras/index.ts";
import { ShareParams, ShareSchema, shareView, visibleDocument } from "./schemas.ts";

export const revokeShareRoute = createRoute({
  method: "delete",
  path: "/api/v2/documents/{id}/shares/{share_id}",
  tags: ["documents"],
  summary: "Revoke a share",
  ...guardedBy("documents:share"),
  request: { params: ShareParams },
  responses: {
    200: {
      description: "the revoked share",
      content: { "application/json": { schema: envelopeOf(ShareSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerRevokeShare(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(revokeShareRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id, share_id: shareId } = c.req.valid("param");
    const at = now(c);
    const share = await deps.databases.withTenant(tenant.id, async (tx) => {
      await visibleDocument(tx, principal, id, at);
      const [revoked] = await tx
        .update(documentPermissions)
        .set({ revokedAt: at })
        .where(
          and(
            eq(documentPermissions.id, shareId),
            eq(documentPermissions.documentId, id),
            isNull(documentPermissions.revokedAt),
          ),
        )
        .returning();
      if (!revoked) {
        throw new ApiError({
          code: "NOT_FOUND",
          message: `share ${shareId} of document ${id} not found or already revoked`,
          details: [{ field: "share_id", message: "no unrevoked share with this id on this document" }],
        });
      }
      await auditIn(c, deps, tx, tenant.id, {
        action: "document.unshare",
        resourceType: "document",
        resourceId: id,
        metadata: { share_id: shareId, user_id: revoked.granteeUserId },
      });
      return revoked;
    });
    return ok(c, shareView(share), 200);
  });
}
