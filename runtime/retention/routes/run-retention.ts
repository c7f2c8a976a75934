// POST /api/v2/retention/runs (retention:run): a disposal run for the caller's tenant now. With
// dry_run true it reports what would be disposed of and changes nothing; with false it disposes
// (one run per tenant at a time: a second one answers 409 while the first holds the lease).
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, jsonResponse, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { runTenantRetention } from "../run.ts";
import type { RetentionRouteDeps } from "./deps.ts";
import { CertificateSchema, DueDocumentSchema, errorResponses, Limit } from "./schemas.ts";

export const RunRetentionBody = z
  .strictObject({
    dry_run: z
      .boolean({ error: "is required: true lists what would be disposed of, false disposes" })
      .openapi({ description: "true: report only; false: destroy what is due" }),
    limit: Limit.optional().openapi({ description: "documents at most (1-1000, default 500)" }),
  })
  .openapi("RunRetentionRequest");

export const RetentionRunSchema = z
  .object({
    run_id: z.string(),
    dry_run: z.boolean(),
    due: z.array(DueDocumentSchema).openapi({ description: "dry run: what would be disposed of" }),
    disposed: z.array(CertificateSchema),
    failed: z.array(z.object({ document_id: z.string(), error: z.string() })),
    storage_failures: z.array(z.object({ key: z.string(), error: z.string() })),
  })
  .openapi("RetentionRun");

export const runRetentionRoute = createRoute({
  method: "post",
  path: "/api/v2/retention/runs",
  tags: ["retention"],
  summary: "Run retention disposal now (or a dry run)",
  ...guardedBy("retention:run"),
  request: { body: { required: true, content: { "application/json": { schema: RunRetentionBody } } } },
  responses: {
    200: jsonResponse(
      "the run's report; each disposal's certificate is also in the audit log",
      RetentionRunSchema,
    ),
    ...errorResponses(400, 401, 403, 409),
  },
});

export function registerRunRetention(app: App, deps: RetentionRouteDeps): void {
  app.openapi(runRetentionRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const body = c.req.valid("json");
    const report = await runTenantRetention({ ...deps, clock: c.get("clock") ?? deps.clock }, tenant.id, {
      dryRun: body.dry_run,
      ...(body.limit ? { limit: body.limit } : {}),
    });
    if (report.skipped) {
      throw new ApiError({
        code: "CONFLICT",
        message: `a retention run is already in progress: ${report.skipped}`,
        details: [{ field: "dry_run", message: report.skipped }],
      });
    }
    const { tenant_id: _, skipped: __, ...view } = report;
    return ok(c, view, 200);
  });
}
