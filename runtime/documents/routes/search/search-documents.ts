// GET /api/v2/documents/search (documents:read): full-text search over the caller's visible, live
// documents, ranked (ts_rank_cd, then newest), filtered, with a signed keyset cursor.
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, sql } from "drizzle-orm";
import { type App, jsonResponse, ok, unprocessableField } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documents } from "../../../db/schema/index.ts";
import { liveVisible } from "../../visibility.ts";
import {
  caller,
  type DocumentExtrasDeps,
  errorResponses,
  invalid,
  now,
  pageOf,
  pageStart,
} from "../extras/index.ts";
import {
  afterPosition,
  createdMicros,
  filterConditions,
  hasTerms,
  highlightOf,
  matches,
  rankOf,
  type SearchFilters,
} from "./query.ts";
import { hitColumns, hitView, SearchPageSchema } from "./schemas.ts";
import { parseTags } from "./tags-param.ts";
import { splitQuery } from "./terms.ts";

const isoDate = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with offset" });

export const SearchDocumentsQuery = z.strictObject({
  q: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").openapi({
    description: 'Web-search syntax: words, "phrases", or, -not',
    example: "quarterly invoice",
    // Trimmed before its length is checked: at least one character that is not white space (or NUL).
    pattern: "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
  }),
  category_id: z.uuid().optional(),
  tags: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({
      description: "Documents carrying all of these tags: repeat the parameter or separate by commas",
    }),
  content_type: z.string().min(1).max(255).optional().openapi({ example: "application/pdf" }),
  created_after: isoDate.optional().openapi({ description: "Inclusive lower bound on created_at" }),
  created_before: isoDate.optional().openapi({ description: "Exclusive upper bound on created_at" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1000).optional().openapi({ description: "next_cursor of the previous page" }),
});

export const searchDocumentsRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/search",
  tags: ["documents"],
  summary: "Search documents (full text, ranked)",
  ...guardedBy("documents:read"),
  request: { query: SearchDocumentsQuery },
  responses: {
    200: jsonResponse("a page of hits, best first", SearchPageSchema),
    ...errorResponses(400, 401, 403, 422),
  },
});

const Position = z.strictObject({
  rank: z.number().nonnegative(),
  created: z.string().regex(/^-?\d{1,20}$/),
  id: z.uuid(),
});

export function registerSearchDocuments(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(searchDocumentsRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const query = c.req.valid("query");
    const filters: SearchFilters = {
      categoryId: query.category_id,
      tags: parseTags(query.tags),
      contentType: query.content_type,
      createdAfter: query.created_after ? new Date(query.created_after) : undefined,
      createdBefore: query.created_before ? new Date(query.created_before) : undefined,
    };
    if (filters.createdAfter && filters.createdBefore && filters.createdAfter >= filters.createdBefore) {
      throw unprocessableField("created_after", `must be before created_before (${query.created_before})`);
    }
    const q = query.q;
    const terms = splitQuery(q);
    // A cursor belongs to one query, filter set, page size and caller.
    const scope = ["search", tenant.id, principal.kind, principal.id, q, filters, query.limit];
    const after = pageStart(query.cursor, scope, Position, deps.cursorKey);
    const rank = rankOf(terms.include);
    const rows = await deps.databases.withTenant(tenant.id, async (tx) => {
      const [searchable] = await tx.execute<{ ok: boolean }>(sql`select ${hasTerms(terms.include)} as ok`);
      if (!searchable?.ok) {
        throw invalid(
          "query",
          "q",
          "has no searchable words (stop words and punctuation alone match nothing)",
        );
      }
      return tx
        .select({ doc: hitColumns, rank, created: createdMicros, highlight: highlightOf(terms.include) })
        .from(documents)
        .where(
          and(
            matches(terms),
            liveVisible(principal, now(c)),
            ...filterConditions(filters),
            after ? afterPosition(terms.include, after) : undefined,
          ),
        )
        .orderBy(desc(rank), desc(documents.createdAt), desc(documents.id))
        .limit(query.limit + 1);
    });
    const { page, next } = pageOf(
      rows,
      query.limit,
      (last) => ({ rank: last.rank, created: last.created, id: last.doc.id }),
      scope,
      deps.cursorKey,
    );
    return ok(c, { items: page.map((r) => hitView(r.doc, r.rank, r.highlight)), next_cursor: next }, 200);
  });
}
