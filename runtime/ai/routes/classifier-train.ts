// POST /api/v2/ai/classifier/train (ai:train): cross-validates on the tenant's examples, trains on
// all of them and replaces the tenant's model; answers with the cross-validation accuracy.
import { createRoute } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller } from "../../documents/context.ts";
import { ClassifierInputError } from "../classify/index.ts";
import { auditIn } from "./audit.ts";
import { reportView, TrainingReportSchema } from "./classifier-schemas.ts";
import type { AiRouteDeps } from "./deps.ts";
import { errorResponses } from "./errors.ts";

export const trainClassifierRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/classifier/train",
  tags: ["ai"],
  summary: "Train the tenant's classifier on its examples",
  ...guardedBy("ai:train"),
  responses: {
    200: {
      description: "the cross-validation report of the new model",
      content: { "application/json": { schema: envelopeOf(TrainingReportSchema) } },
    },
    ...errorResponses(401, 403, 422),
  },
});

export function registerTrainClassifier(app: App, deps: AiRouteDeps): void {
  app.openapi(trainClassifierRoute, async (c) => {
    const { tenant } = caller(c);
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
