// GET /api/v2/documents/{id}/versions (documents:read): the document's versions, newest first.
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt } from "drizzle-orm";
import { type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documentVersions } from "../../../db/schema/index.ts";
import { caller, now } from "../../context.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { invalid } from "../../errors.ts";
import { findVisible } from "../../find.ts";
import { DocumentIdParam, errorResponses } from "../../params.ts";
import { VersionSchema, versionView } from "../../view.ts";
import { decodeCursor, encodeCursor } from "../extras/index.ts";

export const ListVersionsQuery = z.strictObject({
  limit: z.coerce
    .number({ error: "must be an integer 1-100" })
    .int("must be an integer 1-100")
    .min(1, "must be an integer 1-100")
    .max(100, "must be an integer 1-100")
    .default(20),
  cursor: z.string().max(1000).optional().openapi({ description: "next_cursor of the previous page" }),
});

export const VersionPageSchema = z
  .object({ items: z.array(VersionSchema), next_cursor: z.string().nullable() })
  .openapi("DocumentVersionPage");

export const listVersionsRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/versions",
  tags: ["documents"],
  summary: "A document's versions (newest first)",
  ...guardedBy("documents:read"),
  request: { params: DocumentIdParam, query: ListVersionsQuery },
  responses: {
    200: {
      description: "a page",
      content: { "application/json": { schema: envelopeOf(VersionPageSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerListVersions(app: App, deps: DocumentRouteDeps): void {
  app.openapi(listVersionsRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const scope = { document: id };
    let before: number | undefined;
    if (cursor !== undefined) {
      const { val, err } = decodeCursor(cursor, scope, z.number().int().positive(), deps.cursorKey);
      if (err !== undefined) throw invalid("cursor", err);
      before = val;
    }
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
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? encodeCursor(last.version, scope, deps.cursorKey) : null;
    return ok(c, { items: page.map(versionView), next_cursor: next }, 200);
  });
}
