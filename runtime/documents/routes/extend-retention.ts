// PUT /api/v2/documents/{id}/retention (documents:hold): sets retain_until; it may only move later.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, jsonResponse, ok, unprocessableField } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { documents } from "../../db/schema/index.ts";
import { auditDocument, caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { conflict } from "../errors.ts";
import { findVisible } from "../find.ts";
import { DocumentIdParam, errorResponses } from "../params.ts";
import { DocumentSchema, documentView } from "../view.ts";

export const ExtendRetentionBody = z
  .strictObject({
    retain_until: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with offset" }),
  })
  .openapi("ExtendRetentionRequest");

export const extendRetentionRoute = createRoute({
  method: "put",
  path: "/api/v2/documents/{id}/retention",
  tags: ["documents"],
  summary: "Retain a document until a date (only ever extended)",
  ...guardedBy("documents:hold"),
  request: {
    params: DocumentIdParam,
    body: { required: true, content: { "application/json": { schema: ExtendRetentionBody } } },
  },
  responses: {
    200: jsonResponse("the document", DocumentSchema),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export function registerExtendRetention(app: App, deps: DocumentRouteDeps): void {
  app.openapi(extendRetentionRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const until = new Date(c.req.valid("json").retain_until);
    const at = now(c);
    if (until <= at) throw unprocessableField("retain_until", "must be in the future");
    const row = await deps.databases.withTenant(tenant.id, async (tx) => {
      const before = await findVisible(tx, principal, id, at, { forUpdate: true });
      if (before.retainUntil && until < before.retainUntil) {
        throw conflict(
          "retain_until",
          `retention may only be extended: currently until ${before.retainUntil.toISOString()}`,
        );
      }
      const [after] = await tx
        .update(documents)
        .set({ retainUntil: until, updatedAt: at })
        .where(eq(documents.id, id))
        .returning();
      if (!after) throw new Error(`document ${id} vanished under its lock`);
      await auditDocument(c, deps, tx, tenant.id, id, "document.retention.extend", {
        from: before.retainUntil?.toISOString() ?? null,
        to: until.toISOString(),
      });
      return after;
    });
    return ok(c, documentView(row), 200);
  });
}
