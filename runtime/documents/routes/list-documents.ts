// GET /api/v2/documents (documents:read): the documents the caller may see, newest first, with
// filters and an opaque cursor over (created_at desc, id desc).
import { createRoute, z } from "@hono/zod-openapi";
import { and, arrayContains, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { type App, jsonResponse, ok, pageSchema } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { DOCUMENT_STATUSES, documents } from "../../db/schema/index.ts";
import { caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { errorResponses } from "../params.ts";
import { PageQuery, pageOf, pageStart } from "../routes/extras/index.ts";
import { DocumentSchema, documentView } from "../view.ts";
import { liveVisible } from "../visibility.ts";

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with offset" });

export const ListDocumentsQuery = z.strictObject({
  category_id: z.uuid("must be a uuid").optional(),
  tag: z.string().min(1).max(64).optional(),
  content_type: z.string().min(1).max(255).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  created_after: isoDate.optional().openapi({ description: "inclusive lower bound on created_at" }),
  created_before: isoDate.optional().openapi({ description: "exclusive upper bound on created_at" }),
  ...PageQuery,
});

export const DocumentPageSchema = pageSchema(DocumentSchema, "DocumentPage");

/** Where the previous page ended: created_at as PostgreSQL prints it (microseconds), and the id. */
const Position = z.tuple([z.string().max(40), z.uuid()]);

export const listDocumentsRoute = createRoute({
  method: "get",
  path: "/api/v2/documents",
  tags: ["documents"],
  summary: "List documents (newest first)",
  ...guardedBy("documents:read"),
  request: { query: ListDocumentsQuery },
  responses: {
    200: jsonResponse("a page", DocumentPageSchema),
    ...errorResponses(400, 401, 403),
  },
});

export function registerListDocuments(app: App, deps: DocumentRouteDeps): void {
  app.openapi(listDocumentsRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { cursor, limit, ...filters } = c.req.valid("query");
    const scope = { filters, principal: [principal.kind, principal.id] };
    const after = pageStart(cursor, scope, Position, deps.cursorKey);
    const where: (SQL | undefined)[] = [
      liveVisible(principal, now(c)),
      filters.category_id ? eq(documents.categoryId, filters.category_id) : undefined,
      filters.tag ? arrayContains(documents.tags, [filters.tag.toLowerCase()]) : undefined,
      filters.content_type ? eq(documents.contentType, filters.content_type) : undefined,
      filters.status ? eq(documents.status, filters.status) : undefined,
      filters.created_after ? gte(documents.createdAt, new Date(filters.created_after)) : undefined,
      filters.created_before ? lt(documents.createdAt, new Date(filters.created_before)) : undefined,
      after
        ? sql`(${documents.createdAt}, ${documents.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
        : undefined,
    ];
    const rows = await deps.databases.withTenant(tenant.id, (tx) =>
      tx
        .select({ row: documents, position: sql<string>`${documents.createdAt}::text` })
        .from(documents)
        .where(and(...where))
        .orderBy(desc(documents.createdAt), desc(documents.id))
        .limit(limit + 1),
    );
    const { page, next } = pageOf(rows, limit, (last) => [last.position, last.row.id], scope, deps.cursorKey);
    return ok(c, { items: page.map((r) => documentView(r.row)), next_cursor: next }, 200);
  });
}
