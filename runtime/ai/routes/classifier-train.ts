// POST /api/v2/ai/classifier/train (ai:train): cross-validates on the tenant's examples, trains on
// all of them and replaces the tenant's model; answers with the cross-validation accuracy. With
// `{background: true}` the training runs on a worker instead (it is CPU-bound): the answer is 202
// with the job id, and GET /api/v2/ai/classifier shows how it went.
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { auditIn, caller, now } from "../../documents/context.ts";
import { ClassifierInputError } from "../classify/index.ts";
import { reportView, TrainingReportSchema } from "./classifier-schemas.ts";
import type { AiRouteDeps } from "./deps.ts";
import { errorResponses } from "./errors.ts";

export const TrainClassifierBody = z
  .strictObject({
    background: z
      .boolean()
      .optional()
      .openapi({ description: "queue the training on a worker and answer 202 at once (default false)" }),
  })
  .openapi("TrainClassifierRequest");

export const TrainingQueuedSchema = z
  .object({
    job_id: z.string(),
    queued: z.boolean().openapi({
      description:
        "false when a training of the tenant was already waiting or running: this request joined it",
    }),
  })
  .openapi("ClassifierTrainingQueued");

export const trainClassifierRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/classifier/train",
  tags: ["ai"],
  summary: "Train the tenant's classifier on its examples",
  ...guardedBy("ai:train"),
  request: { body: { required: false, content: { "application/json": { schema: TrainClassifierBody } } } },
  responses: {
    200: {
      description: "the cross-validation report of the new model",
      content: { "application/json": { schema: envelopeOf(TrainingReportSchema) } },
    },
    202: {
      description: "queued (or joined a pending training); GET /api/v2/ai/classifier shows its state",
      content: { "application/json": { schema: envelopeOf(TrainingQueuedSchema) } },
    },
    ...errorResponses(400, 401, 403, 422, 501),
  },
});

export function registerTrainClassifier(app: App, deps: AiRouteDeps): void {
  app.openapi(trainClassifierRoute, async (c) => {
    const { tenant } = caller(c);
    // The body is optional: without one (no JSON content type, so not validated) training is synchronous.
    const body: z.infer<typeof TrainClassifierBody> = c.req.valid("json") ?? {};
    if (body.background) {
      if (!deps.training) {
        throw new ApiError({
          code: "NOT_IMPLEMENTED",
          message:
            "background training needs the job queue (REDIS_URL) on this server; train without background",
          details: [{ field: "background", message: "not available on this server" }],
        });
      }
      const { jobId, queued } = await deps.training.request(tenant.id, now(c));
      await deps.databases.withTenant(tenant.id, (tx) =>
        auditIn(c, deps, tx, tenant.id, {
          action: "classifier.train.queued",
          resourceType: "classifier",
          metadata: { job_id: jobId, queued },
        }),
      );
      return ok(c, { job_id: jobId, queued }, 202);
    }
    let report: Awaited<ReturnType<AiRouteDeps["classifier"]["train"]>>;
    try {
      report = await deps.classifier.train(tenant.id);
    } catch (err) {
      // Not a malformed request: the tenant's examples are not yet enough to train on.
      if (err instanceof ClassifierInputError) {
        throw new ApiError({
          code: "UNPROCESSABLE_ENTITY",
          message: err.message,
          details: [{ field: err.field, message: err.message }],
        });
      }
      throw err;
    }
    const view = reportView(report);
    await deps.databases.withTenant(tenant.id, (tx) =>
      auditIn(c, deps, tx, tenant.id, {
        action: "classifier.train",
        resourceType: "classifier",
        metadata: { accuracy: view.accuracy, examples: view.examples, labels: view.labels },
      }),
    );
    return ok(c, view, 200);
  });
}
