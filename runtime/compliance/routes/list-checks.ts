// GET /api/v2/compliance/checks (compliance:read): stored checks, newest first, of the documents
// the caller can see; filtered by document, framework and status.
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, getTableColumns, lt, or, sql } from "drizzle-orm";
import { type App, jsonResponse, ok, pageSchema } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { COMPLIANCE_STATUSES, complianceChecks, documents } from "../../db/schema/index.ts";
import { caller, now } from "../../documents/context.ts";
import { PageQuery, pageOf, pageStart } from "../../documents/routes/extras/index.ts";
import { liveVisible } from "../../documents/visibility.ts";
import { storedFramework } from "../engine/index.ts";
import type { ComplianceRouteDeps } from "./deps.ts";
import { documentNotFound, errorResponses, FrameworkName } from "./errors.ts";
import { CheckSchema, checkView } from "./schemas.ts";

export const ListChecksQuery = z.strictObject({
  document_id: z.uuid("must be a uuid").optional(),
  framework: FrameworkName.optional(),
  status: z
    .enum(COMPLIANCE_STATUSES, { error: `must be one of ${COMPLIANCE_STATUSES.join(", ")}` })
    .optional(),
  ...PageQuery,
});

export const CheckPageSchema = pageSchema(CheckSchema, "ComplianceCheckPage");

export const listChecksRoute = createRoute({
  method: "get",
  path: "/api/v2/compliance/checks",
  tags: ["compliance"],
  summary: "Stored compliance checks (newest first)",
  ...guardedBy("compliance:read"),
  request: { query: ListChecksQuery },
  responses: {
    200: jsonResponse("a page", CheckPageSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

// PostgreSQL keeps microseconds and a JS Date does not: the cursor carries the database's own text
// of created_at, so rows written in the same millisecond are neither skipped nor repeated.
const Position = z.tuple([z.string().max(64), z.uuid()]);

export function registerListChecks(app: App, deps: ComplianceRouteDeps): void {
  app.openapi(listChecksRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const q = c.req.valid("query");
    const scope = { document: q.document_id, framework: q.framework, status: q.status, who: principal.id };
    const after = pageStart(q.cursor, scope, Position, deps.cursorKey);
    const rows = await deps.databases.withTenant(tenant.id, async (tx) => {
      const visible = liveVisible(principal, now(c));
      if (q.document_id) {
        const [doc] = await tx
          .select({ id: documents.id })
          .from(documents)
          .where(and(eq(documents.id, q.document_id), visible));
        if (!doc) throw documentNotFound(q.document_id);
      }
      return tx
        .select({
          ...getTableColumns(complianceChecks),
          position: sql<string>`${complianceChecks.createdAt}::text`,
        })
        .from(complianceChecks)
        .innerJoin(documents, eq(documents.id, complianceChecks.documentId))
        .where(
          and(
            visible,
            q.document_id ? eq(complianceChecks.documentId, q.document_id) : undefined,
            q.framework ? eq(complianceChecks.framework, storedFramework(q.framework)) : undefined,
            q.status ? eq(complianceChecks.status, q.status) : undefined,
            after
              ? or(
                  sql`${complianceChecks.createdAt} < ${after[0]}::timestamptz`,
                  and(
                    sql`${complianceChecks.createdAt} = ${after[0]}::timestamptz`,
                    lt(complianceChecks.id, after[1]),
                  ),
                )
              : undefined,
          ),
        )
        .orderBy(desc(complianceChecks.createdAt), desc(complianceChecks.id))
        .limit(q.limit + 1);
    });
    const { page, next } = pageOf(rows, q.limit, (last) => [last.position, last.id], scope, deps.cursorKey);
    return ok(c, { items: page.map(({ position: _p, ...row }) => checkView(row)), next_cursor: next }, 200);
  });
}
