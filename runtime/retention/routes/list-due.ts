// GET /api/v2/retention/due (retention:read): what a disposal run would destroy now — documents
// whose retention ended and that are not on legal hold, with the rule that ended — and how the
// tenant's last run went. Changes nothing.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { type App, jsonResponse, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { retentionRuns } from "../../db/schema/index.ts";
import { dueDocuments } from "../due.ts";
import type { RetentionRouteDeps } from "./deps.ts";
import { DueDocumentSchema, errorResponses, Limit } from "./schemas.ts";

export const ListDueQuery = z.strictObject({
  limit: Limit.default(100).openapi({ description: "documents at most, earliest end first (1-1000)" }),
});

export const DueReportSchema = z
  .object({
    as_of: z.string(),
    due: z.array(DueDocumentSchema),
    count: z.number().int(),
    bytes: z.number().int(),
    last_run: z
      .object({
        run_id: z.string(),
        started_at: z.string(),
        finished_at: z.string().nullable(),
        disposed: z.number().int(),
        failed: z.number().int(),
        error: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi("RetentionDueReport");

export const listDueRoute = createRoute({
  method: "get",
  path: "/api/v2/retention/due",
  tags: ["retention"],
  summary: "Documents whose retention has ended and that a disposal run would destroy",
  ...guardedBy("retention:read"),
  request: { query: ListDueQuery },
  responses: {
    200: jsonResponse("what is due, and the last run", DueReportSchema),
    ...errorResponses(400, 401, 403),
  },
});

export function registerListDue(app: App, deps: RetentionRouteDeps): void {
  app.openapi(listDueRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const { limit } = c.req.valid("query");
    const asOf = (c.get("clock") ?? deps.clock ?? (() => new Date()))();
    const { due, last } = await deps.databases.withTenant(tenant.id, async (tx) => ({
      due: await dueDocuments(tx, { now: asOf, limit }),
      last: (await tx.select().from(retentionRuns).where(eq(retentionRuns.tenantId, tenant.id)))[0],
    }));
    return ok(
      c,
      {
        as_of: asOf.toISOString(),
        due,
        count: due.length,
        bytes: due.reduce((n, d) => n + d.bytes, 0),
        last_run: last
          ? {
              run_id: last.runId,
              started_at: last.startedAt.toISOString(),
              finished_at: last.finishedAt?.toISOString() ?? null,
              disposed: last.disposed,
              failed: last.failed,
              error: last.error,
            }
          : null,
      },
      200,
    );
  });
}
