// POST /api/v2/documents/{id}/shares (documents:share): lets another active user of the tenant
// read (or write) a document the caller can see, optionally until a time at most a year ahead.
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { ApiError, type App, envelopeOf, ok, unprocessableField } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { DOCUMENT_PERMISSIONS } from "../../../db/schema/document-permissions/index.ts";
import { documentPermissions, users } from "../../../db/schema/index.ts";
import { emit } from "../../events.ts";
import { auditIn, caller, type DocumentExtrasDeps, errorResponses, now } from "../extras/index.ts";
import { activeAt, DocumentParams, ShareSchema, shareView, visibleDocument } from "./schemas.ts";

export const MAX_SHARE_DAYS = 366;

export const CreateShareBody = z
  .strictObject({
    user_id: z.uuid("must be the id (uuid) of a user of this tenant"),
    permission: z.enum(DOCUMENT_PERMISSIONS).default("read"),
    expires_at: z.iso
      .datetime({ offset: true, message: "must be an ISO 8601 date-time with offset" })
      .optional()
      .openapi({
        description: "When the share ends: in the future, at most one year ahead; omit for no end",
      }),
  })
  .openapi("CreateShareRequest");

export const createShareRoute = createRoute({
  method: "post",
  path: "/api/v2/documents/{id}/shares",
  tags: ["documents"],
  summary: "Share a document with a user of the tenant",
  ...guardedBy("documents:share"),
  request: {
    params: DocumentParams,
    body: { required: true, content: { "application/json": { schema: CreateShareBody } } },
  },
  responses: {
    201: { description: "the share", content: { "application/json": { schema: envelopeOf(ShareSchema) } } },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

function checkExpiry(expiresAt: Date, at: Date): void {
  if (expiresAt <= at)
    throw unprocessableField("expires_at", `must be in the future (now is ${at.toISOString()})`);
  const latest = new Date(at.getTime() + MAX_SHARE_DAYS * 86_400_000);
  if (expiresAt > latest) {
    throw unprocessableField(
      "expires_at",
      `must be at most one year ahead (no later than ${latest.toISOString()})`,
    );
  }
}

export function registerCreateShare(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(createShareRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const at = now(c);
    const expiresAt = body.expires_at === undefined ? null : new Date(body.expires_at);
    if (expiresAt) checkExpiry(expiresAt, at);
    const share = await deps.databases.withTenant(tenant.id, async (tx) => {
      await visibleDocument(tx, principal, id, at, { lock: true });
      const [grantee] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, body.user_id), eq(users.status, "active")));
      if (!grantee) {
        throw new ApiError({
          code: "NOT_FOUND",
          message: `user ${body.user_id} not found`,
          details: [{ field: "user_id", message: "no active user with this id in this tenant" }],
        });
      }
      const [existing] = await tx
        .select({ id: documentPermissions.id })
        .from(documentPermissions)
        .where(
          and(
            eq(documentPermissions.documentId, id),
            eq(documentPermissions.granteeUserId, body.user_id),
            activeAt(at),
          ),
        );
      if (existing) {
        throw new ApiError({
          code: "CONFLICT",
          message: `user ${body.user_id} already has an active share (${existing.id}) of document ${id}; revoke it to change it`,
          details: [{ field: "user_id", message: "already has an active share of this document" }],
        });
      }
      const [created] = await tx
        .insert(documentPermissions)
        .values({
          tenantId: tenant.id,
          documentId: id,
          granteeUserId: body.user_id,
          permission: body.permission,
          grantedBy: principal.kind === "user" ? principal.id : null,
          expiresAt,
          createdAt: at,
        })
        .returning();
      if (!created) throw new Error("share insert returned no row");
      await auditIn(c, deps, tx, tenant.id, {
        action: "document.share",
        resourceType: "document",
        resourceId: id,
        metadata: {
          share_id: created.id,
          user_id: body.user_id,
          permission: body.permission,
          expires_at: expiresAt?.toISOString() ?? null,
        },
      });
      return created;
    });
    await emit(c, deps.hooks, {
      type: "document.shared",
      tenantId: tenant.id,
      documentId: id,
      data: {
        share_id: share.id,
        user_id: share.granteeUserId,
        permission: share.permission,
        expires_at: share.expiresAt?.toISOString() ?? null,
      },
    });
    return ok(c, shareView(share), 201);
  });
}
