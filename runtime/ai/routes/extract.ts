// POST /api/v2/ai/extract (documents:read): typed entity and PII spans with confidences, and a
// redacted text on request. Values come back only for the caller's own text; for a stored
// document every span carries a masked preview instead, so the API never hands out a second
// copy of the personal data the pipeline deliberately did not store.
import { createHmac } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller, now } from "../../documents/context.ts";
import {
  ENTITY_TYPES,
  type Entity,
  extractEntitiesOffThread,
  isPersonalData,
  REDACTION_MODES,
  redact,
} from "../entities/index.ts";
import type { AiRouteDeps } from "./deps.ts";
import { DocumentIdField, errorResponses } from "./errors.ts";
import { resolveText, TextField } from "./text-input.ts";

export const ExtractBody = z
  .strictObject({
    text: TextField.optional(),
    document_id: DocumentIdField.optional(),
    types: z
      .array(z.enum(ENTITY_TYPES, { error: `must be one of ${ENTITY_TYPES.join(", ")}` }))
      .min(1, "must list at least one type")
      .optional(),
    min_confidence: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional(),
    redact: z.enum(REDACTION_MODES, { error: `must be one of ${REDACTION_MODES.join(", ")}` }).optional(),
  })
  .openapi("ExtractRequest");

const SpanSchema = z
  .object({
    type: z.enum(ENTITY_TYPES),
    start: z.number().int(),
    end: z.number().int(),
    confidence: z.number(),
    personal: z.boolean(),
    context: z.string().optional(),
    text: z.string().optional().openapi({ description: "only for the caller's own text" }),
    normalized: z.string().optional().openapi({ description: "only for the caller's own text" }),
    preview: z.string().optional().openapi({ description: "masked value, for stored documents" }),
  })
  .openapi("EntitySpan");

export const ExtractionSchema = z
  .object({
    entities: z.array(SpanSchema),
    counts: z.record(z.string(), z.number().int()),
    document_id: z.string().optional(),
    version: z.number().int().optional(),
    redacted: z
      .object({
        mode: z.enum(REDACTION_MODES),
        text: z.string(),
        spans: z.array(
          z.object({
            type: z.enum(ENTITY_TYPES),
            original_start: z.number().int(),
            original_end: z.number().int(),
            start: z.number().int(),
            end: z.number().int(),
            replacement: z.string(),
          }),
        ),
      })
      .optional(),
  })
  .openapi("Extraction");

export const extractRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/extract",
  tags: ["ai"],
  summary: "Entities and personal data in a text or a stored document",
  ...guardedBy("documents:read"),
  request: { body: { required: true, content: { "application/json": { schema: ExtractBody } } } },
  responses: {
    200: {
      description: "typed spans",
      content: { "application/json": { schema: envelopeOf(ExtractionSchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 422, 501),
  },
});

/** A masked preview of one span: what a person needs to recognise the value, no more. */
function preview(entity: Entity): string {
  return redact(entity.text, [{ ...entity, start: 0, end: entity.text.length }], { mode: "mask" }).text;
}

export function registerExtract(app: App, deps: AiRouteDeps): void {
  app.openapi(extractRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const body = c.req.valid("json");
    if (body.redact === "hash" && !deps.redactionKey) {
      throw new ApiError({
        code: "NOT_IMPLEMENTED",
        message: 'redact "hash" is not configured: set REDACTION_KEY (at least 16 characters) on the server',
        details: [{ field: "redact", message: 'use "mask" or "type", or configure REDACTION_KEY' }],
      });
    }
    const input = await resolveText(deps, { tenantId: tenant.id, principal, now: now(c) }, body, {
      original: true,
    });
    // Off the event loop: a megabyte of text is seconds of CPU.
    const entities = await extractEntitiesOffThread(input.text, {
      ...(deps.phoneCountries ? { phoneCountries: deps.phoneCountries } : {}),
      ...(body.types ? { types: body.types } : {}),
      ...(body.min_confidence !== undefined ? { minConfidence: body.min_confidence } : {}),
    });
    const own = input.kind === "text";
    const spans = entities.map((e) => ({
      type: e.type,
      start: e.start,
      end: e.end,
      confidence: e.confidence,
      personal: isPersonalData(e),
      ...(e.context ? { context: e.context } : {}),
      ...(own
        ? { text: e.text, ...(e.normalized ? { normalized: e.normalized } : {}) }
        : { preview: preview(e) }),
    }));
    const counts: Record<string, number> = {};
    for (const e of entities) counts[e.type] = (counts[e.type] ?? 0) + 1;
    let redacted: z.infer<typeof ExtractionSchema>["redacted"];
    if (body.redact) {
      const r = redact(input.text, entities, {
        mode: body.redact,
        // Per tenant, so equal values in two tenants do not get equal tags.
        ...(body.redact === "hash"
          ? {
              hashKey: createHmac("sha256", deps.redactionKey as string)
                .update(tenant.id)
                .digest("hex"),
            }
          : {}),
      });
      redacted = {
        mode: body.redact,
        text: r.text,
        spans: r.spans.map((s) => ({
          type: s.type,
          original_start: s.originalStart,
          original_end: s.originalEnd,
          start: s.start,
          end: s.end,
          replacement: s.replacement,
        })),
      };
    }
    return ok(
      c,
      {
        entities: spans,
        counts,
        ...(input.kind === "document" ? { document_id: input.documentId, version: input.version } : {}),
        ...(redacted ? { redacted } : {}),
      },
      200,
    );
  });
}
