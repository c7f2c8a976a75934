// POST /api/v2/ai/standardize (documents:read): a text or stored document against its type's
// template: deviations (missing or misordered sections, date and amount formats) and the
// normalized text.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller, now } from "../../documents/context.ts";
import { DOCUMENT_TYPES } from "../document-types.ts";
import { standardize } from "../standardize/index.ts";
import type { AiRouteDeps } from "./deps.ts";
import { DocumentIdField, errorResponses } from "./errors.ts";
import { resolveText, TextField } from "./text-input.ts";

export const StandardizeBody = z
  .strictObject({
    text: TextField.optional(),
    document_id: DocumentIdField.optional(),
    type: z.enum(DOCUMENT_TYPES, { error: `must be one of ${DOCUMENT_TYPES.join(", ")}` }),
    day_first: z
      .boolean()
      .default(true)
      .openapi({ description: "read 03/04/2024 as 3 April (default) or as March 4" }),
  })
  .openapi("StandardizeRequest");

const DeviationSchema = z.object({
  kind: z.string(),
  message: z.string(),
  section: z.string().optional(),
  location: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
  found: z.string().optional(),
  expected: z.string().optional(),
});

export const StandardizationSchema = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    template_version: z.string(),
    score: z.number(),
    conforms: z.boolean(),
    sections: z.array(z.object({ id: z.string(), title: z.string(), start: z.number().int() })),
    deviations: z.array(DeviationSchema),
    normalized_text: z.string(),
    document_id: z.string().optional(),
    version: z.number().int().optional(),
  })
  .openapi("Standardization");

export const standardizeRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/standardize",
  tags: ["ai"],
  summary: "Check a text or stored document against its type's template",
  ...guardedBy("documents:read"),
  request: { body: { required: true, content: { "application/json": { schema: StandardizeBody } } } },
  responses: {
    200: {
      description: "deviations and normalized text",
      content: { "application/json": { schema: envelopeOf(StandardizationSchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

export function registerStandardize(app: App, deps: AiRouteDeps): void {
  app.openapi(standardizeRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const body = c.req.valid("json");
    const input = await resolveText(deps, { tenantId: tenant.id, principal, now: now(c) }, body);
    const result = standardize(input.text, body.type, { dayFirst: body.day_first });
    return ok(
      c,
      {
        ...result,
        ...(input.kind === "document" ? { document_id: input.documentId, version: input.version } : {}),
      },
      200,
    );
  });
}
