// POST /api/v2/ai/classify (documents:read): the document type of a text or of a stored document,
// from the tenant's trained model, or the default model until the tenant has one.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller, now } from "../../documents/context.ts";
import { MAX_TEXT_CHARS } from "../classify/index.ts";
import { classifierCall } from "./classifier-errors.ts";
import type { AiRouteDeps } from "./deps.ts";
import { DocumentIdField, errorResponses } from "./errors.ts";
import { resolveText, TextField } from "./text-input.ts";

export const ClassifyBody = z
  .strictObject({
    text: TextField.optional(),
    document_id: DocumentIdField.optional(),
    threshold: z
      .number()
      .min(0, "must be between 0 and 1")
      .max(1, "must be between 0 and 1")
      .optional()
      .openapi({ description: 'below this probability the label is "unknown" (default 0.5)' }),
  })
  .openapi("ClassifyRequest");

export const ClassificationSchema = z
  .object({
    label: z.string(),
    confidence: z.number(),
    candidates: z.array(z.object({ label: z.string(), probability: z.number() })),
    model: z.enum(["tenant", "default"]),
    document_id: z.string().optional(),
    version: z.number().int().optional(),
    stored: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .openapi({ description: "what the pipeline recorded for this version, if it has run" }),
  })
  .openapi("Classification");

export const classifyRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/classify",
  tags: ["ai"],
  summary: "Classify a text or a stored document",
  ...guardedBy("documents:read"),
  request: { body: { required: true, content: { "application/json": { schema: ClassifyBody } } } },
  responses: {
    200: {
      description: "the label",
      content: { "application/json": { schema: envelopeOf(ClassificationSchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

export function registerClassify(app: App, deps: AiRouteDeps): void {
  app.openapi(classifyRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const body = c.req.valid("json");
    const input = await resolveText(deps, { tenantId: tenant.id, principal, now: now(c) }, body);
    // A long document is classified by its opening million characters, which carry its type.
    const text = input.text.slice(0, MAX_TEXT_CHARS);
    const result = await classifierCall(() => deps.classifier.classify(tenant.id, text, body.threshold));
    const candidates = result.candidates.map((x) => ({ label: x.label, probability: x.probability }));
    return ok(
      c,
      {
        label: result.label,
        confidence: result.confidence,
        candidates,
        model: result.model,
        ...(input.kind === "document"
          ? {
              document_id: input.documentId,
              version: input.version,
              stored: input.analysis?.classification ?? null,
            }
          : {}),
      },
      200,
    );
  });
}
