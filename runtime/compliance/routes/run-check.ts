// POST /api/v2/compliance/check (compliance:run): runs the engine now on a stored document's
// current version, stores the results as the pipeline does, and returns them.
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { extractEntitiesOffThread } from "../../ai/entities/index.ts";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { documents } from "../../db/schema/index.ts";
import { auditDocument, caller, now } from "../../documents/context.ts";
import { refuseUnscanned } from "../../documents/scan-state.ts";
import { liveVisible } from "../../documents/visibility.ts";
import { runComplianceCheck } from "../check/index.ts";
import { CHECK_STATUSES } from "../engine/index.ts";
import type { ComplianceRouteDeps } from "./deps.ts";
import { documentNotFound, errorResponses, FrameworkName } from "./errors.ts";
import { FindingSchema } from "./schemas.ts";

export const RunCheckBody = z
  .strictObject({
    document_id: z.uuid("must be a uuid"),
    frameworks: z
      .array(FrameworkName)
      .min(1, "must list at least one framework")
      .optional()
      .openapi({ description: "default: the frameworks of the tenant's compliance profile" }),
  })
  .openapi("RunComplianceCheckRequest");

export const CheckRunSchema = z
  .object({
    document_id: z.string(),
    version: z.number().int(),
    checked_at: z.string(),
    results: z.array(
      z.object({
        framework: FrameworkName,
        version: z.string().openapi({ description: "the rule set's version" }),
        score: z.number().int(),
        status: z.enum(CHECK_STATUSES),
        rules_evaluated: z.number().int(),
        findings: z.array(FindingSchema),
      }),
    ),
  })
  .openapi("ComplianceCheckRun");

export const runCheckRoute = createRoute({
  method: "post",
  path: "/api/v2/compliance/check",
  tags: ["compliance"],
  summary: "Check a stored document against frameworks now",
  ...guardedBy("compliance:run"),
  request: { body: { required: true, content: { "application/json": { schema: RunCheckBody } } } },
  responses: {
    200: {
      description: "the results, also stored",
      content: { "application/json": { schema: envelopeOf(CheckRunSchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export function registerRunCheck(app: App, deps: ComplianceRouteDeps): void {
  app.openapi(runCheckRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const body = c.req.valid("json");
    const policy = deps.policyFor(tenant.id);
    const frameworks = [...new Set(body.frameworks ?? policy.frameworks)];
    if (frameworks.length === 0) {
      throw new ApiError({
        code: "UNPROCESSABLE_ENTITY",
        message: "the tenant's compliance profile lists no frameworks; name them in frameworks",
        details: [{ field: "frameworks", message: "required while the profile lists none" }],
      });
    }
    const document = await deps.databases.withTenant(tenant.id, async (tx) => {
      const [row] = await tx
        .select({
          id: documents.id,
          currentVersion: documents.currentVersion,
          status: documents.status,
          virusSignature: documents.virusSignature,
        })
        .from(documents)
        .where(and(eq(documents.id, body.document_id), liveVisible(principal, now(c))));
      return row;
    });
    if (!document) throw documentNotFound(body.document_id);
    // Not virus-scanned yet, or infected: its bytes are not read for a check either.
    refuseUnscanned(document);
    const ref = { tenantId: tenant.id, documentId: document.id, version: document.currentVersion };
    const run = await runComplianceCheck(deps, ref, {
      frameworks,
      documentRules: policy.documentRules,
      now: now(c),
      replace: "frameworks",
      // On the request path: extraction (seconds for a megabyte) runs in a worker thread.
      extract: (text) => extractEntitiesOffThread(text),
    });
    if (run.status === "missing") throw documentNotFound(body.document_id);
    if (run.status === "unprocessable") {
      throw new ApiError({
        code: "UNPROCESSABLE_ENTITY",
        message: `document ${document.id} cannot be checked: ${run.problems.join("; ")}`,
        details: run.problems.map((p) => ({ field: "document_id", message: p })),
      });
    }
    await deps.databases.withTenant(tenant.id, (tx) =>
      auditDocument(c, deps, tx, tenant.id, document.id, "compliance.check", {
        version: ref.version,
        results: Object.fromEntries(
          run.results.map((r) => [r.framework, { status: r.status, score: r.score }]),
        ),
      }),
    );
    return ok(
      c,
      {
        document_id: document.id,
        version: ref.version,
        checked_at: run.checkedAt.toISOString(),
        results: run.results.map((r) => ({
          framework: r.framework,
          version: r.version,
          score: r.score,
          status: r.status,
          rules_evaluated: r.rulesEvaluated,
          findings: r.findings,
        })),
      },
      200,
    );
  });
}
