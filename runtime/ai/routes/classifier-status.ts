// GET /api/v2/ai/classifier (documents:read): the tenant's examples per label and its model's
// last training report, or that classification still uses the default model; and the latest
// background training's state (queued, running, succeeded with its accuracy, failed with why).
import { createRoute } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller } from "../../documents/context.ts";
import { lastTraining } from "../training/index.ts";
import { ClassifierStatusSchema, reportView, trainingRunView } from "./classifier-schemas.ts";
import type { AiRouteDeps } from "./deps.ts";
import { errorResponses } from "./errors.ts";

export const classifierStatusRoute = createRoute({
  method: "get",
  path: "/api/v2/ai/classifier",
  tags: ["ai"],
  summary: "The tenant's classifier: examples and model status",
  ...guardedBy("documents:read"),
  responses: {
    200: {
      description: "the status",
      content: { "application/json": { schema: envelopeOf(ClassifierStatusSchema) } },
    },
    ...errorResponses(401, 403),
  },
});

export function registerClassifierStatus(app: App, deps: AiRouteDeps): void {
  app.openapi(classifierStatusRoute, async (c) => {
    const { tenant } = caller(c);
    const [status, run] = await Promise.all([
      deps.classifier.describe(tenant.id),
      lastTraining(deps.databases, tenant.id),
    ]);
    return ok(
      c,
      {
        examples: status.examples,
        min_examples_per_label: status.minExamplesPerLabel,
        model: status.model ? ("tenant" as const) : ("default" as const),
        training: status.model ? reportView(status.model) : null,
        last_training: run ? trainingRunView(run) : null,
      },
      200,
    );
  });
}
