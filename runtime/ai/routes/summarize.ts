// POST /api/v2/ai/summarize (documents:read): an extractive summary, the text's own most
// informative sentences in their original order.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller, now } from "../../documents/context.ts";
import { summarize } from "../summarize/index.ts";
import type { AiRouteDeps } from "./deps.ts";
import { DocumentIdField, errorResponses } from "./errors.ts";
import { resolveText, TextField } from "./text-input.ts";

export const SummarizeBody = z
  .strictObject({
    text: TextField.optional(),
    document_id: DocumentIdField.optional(),
    max_sentences: z
      .int("must be an integer 1-20")
      .min(1, "must be an integer 1-20")
      .max(20, "must be an integer 1-20")
      .default(3),
  })
  .openapi("SummarizeRequest");

export const SummarySchema = z
  .object({
    summary: z.string(),
    sentences: z.array(z.object({ index: z.number().int(), text: z.string(), score: z.number() })),
    total_sentences: z.number().int(),
    document_id: z.string().optional(),
    version: z.number().int().optional(),
  })
  .openapi("Summary");

export const summarizeRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/summarize",
  tags: ["ai"],
  summary: "Extractive summary of a text or a stored document",
  ...guardedBy("documents:read"),
  request: { body: { required: true, content: { "application/json": { schema: SummarizeBody } } } },
  responses: {
    200: {
      description: "the summary",
      content: { "application/json": { schema: envelopeOf(SummarySchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

export function registerSummarize(app: App, deps: AiRouteDeps): void {
  app.openapi(summarizeRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const body = c.req.valid("json");
    const input = await resolveText(deps, { tenantId: tenant.id, principal, now: now(c) }, body);
    // Sentences up to the default character cap, which grows with the sentences asked for.
    const result = summarize(input.text, {
      maxSentences: body.max_sentences,
      maxChars: 400 * body.max_sentences,
    });
    return ok(
      c,
      {
        summary: result.summary,
        sentences: result.sentences,
        total_sentences: result.total,
        ...(input.kind === "document" ? { document_id: input.documentId, version: input.version } : {}),
      },
      200,
    );
  });
}
