// GET /api/v2/documents/{id}/versions (documents:read): the document's versions, newest first.
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt } from "drizzle-orm";
import { type App, jsonResponse, ok, pageSchema } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentVersions } from "../../../db/schema/index.ts";
import { caller, now } from "../../context.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { findVisible } from "../../find.ts";
import { DocumentIdParam, errorResponses } from "../../params.ts";
import { VersionSchema, versionView } from "../../view.ts";
import { PageQuery, pageOf, pageStart } from "../extras/index.ts";

export const ListVersionsQuery = z.strictObject({
  ...PageQuery,
});

export const VersionPageSchema = pageSchema(VersionSchema, "DocumentVersionPage");

export const listVersionsRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/versions",
  tags: ["documents"],
  summary: "A document's versions (newest first)",
  ...guardedBy("documents:read"),
  request: { params: DocumentIdParam, query: ListVersionsQuery },
  responses: {
    200: jsonResponse("a page", VersionPageSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerListVersions(app: App, deps: DocumentRouteDeps): void {
  app.openapi(listVersionsRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const scope = { document: id };
    const before = pageStart(cursor, scope, z.number().int().positive(), deps.cursorKey);
    const rows = await deps.databases.withTenant(tenant.id, async (tx) => {
      await findVisible(tx, principal, id, now(c));
      return tx
        .select()
        .from(documentVersions)
        .where(
          and(
            eq(documentVersions.documentId, id),
            before !== undefined ? lt(documentVersions.version, before) : undefined,
          ),
        )
        .orderBy(desc(documentVersions.version))
        .limit(limit + 1);
    });
    const { page, next } = pageOf(rows, limit, (last) => last.version, scope, deps.cursorKey);
    return ok(c, { items: page.map(versionView), next_cursor: next }, 200);
  });
}
