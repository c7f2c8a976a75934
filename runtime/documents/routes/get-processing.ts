// GET /api/v2/documents/{id}/processing (documents:read): how the pipeline handled the current
// version (or ?version=n): each step's status, attempts and failure reason, and what it found
// (classification, entity types with masked previews, standardization, summary). Entity values
// are never stored, so never shown.
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { documentAnalyses, documentProcessing } from "../../db/schema/index.ts";
import { PIPELINE_STEPS } from "../../pipeline/steps.ts";
import { caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { findVisible } from "../find.ts";
import { DocumentIdParam, errorResponses, VERSION_RANGE, VersionNumber } from "../params.ts";

export const ProcessingQuery = z.strictObject({
  version: VersionNumber.optional().openapi({
    ...VERSION_RANGE,
    description: "default: the current version",
  }),
});

const StepSchema = z.object({
  step: z.enum(PIPELINE_STEPS),
  status: z.enum(["pending", "running", "succeeded", "failed"]),
  attempts: z.number().int(),
  error: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const ProcessingSchema = z
  .object({
    document_id: z.uuid(),
    version: z.number().int(),
    status: z.string(),
    steps: z.array(StepSchema),
    classification: z.record(z.string(), z.unknown()).nullable(),
    entities: z.array(z.record(z.string(), z.unknown())),
    standardization: z.record(z.string(), z.unknown()).nullable(),
    summary: z.string().nullable(),
  })
  .openapi("DocumentProcessing");

export const getProcessingRoute = createRoute({
  method: "get",
  path: "/api/v2/documents/{id}/processing",
  tags: ["documents"],
  summary: "How the pipeline processed a document version, and what it found",
  ...guardedBy("documents:read"),
  request: { params: DocumentIdParam, query: ProcessingQuery },
  responses: {
    200: {
      description: "steps and findings",
      content: { "application/json": { schema: envelopeOf(ProcessingSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function registerGetProcessing(app: App, deps: DocumentRouteDeps): void {
  app.openapi(getProcessingRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const result = await deps.databases.withTenant(tenant.id, async (tx) => {
      const doc = await findVisible(tx, principal, id, now(c));
      const version = query.version ?? doc.currentVersion;
      const steps = await tx
        .select()
        .from(documentProcessing)
        .where(and(eq(documentProcessing.documentId, id), eq(documentProcessing.version, version)));
      const [analysis] = await tx
        .select()
        .from(documentAnalyses)
        .where(and(eq(documentAnalyses.documentId, id), eq(documentAnalyses.version, version)));
      const order = (s: string) => PIPELINE_STEPS.indexOf(s as (typeof PIPELINE_STEPS)[number]);
      return {
        document_id: id,
        version,
        status: version === doc.currentVersion ? doc.status : "superseded",
        steps: steps
          .sort((a, b) => order(a.step) - order(b.step))
          .map((s) => ({
            step: s.step as (typeof PIPELINE_STEPS)[number],
            status: s.status,
            attempts: s.attempts,
            error: s.lastError,
            summary: s.summary,
            started_at: iso(s.startedAt),
            finished_at: iso(s.finishedAt),
          })),
        classification: analysis?.classification ?? null,
        entities: analysis?.entities ?? [],
        standardization: analysis?.standardization ?? null,
        summary: analysis?.summary ?? null,
      };
    });
    return ok(c, result, 200);
  });
}
