// POST /api/v2/ai/translate (documents:read): through the configured OpenAI-compatible provider.
// No model ships with the runtime: without a provider the answer is 501 saying how to configure one.
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { HOW_TO_CONFIGURE, TranslationUnavailableError } from "../translate/index.ts";
import type { AiRouteDeps } from "./deps.ts";
import { errorResponses } from "./errors.ts";
import { checkTextSize, TextField } from "./text-input.ts";

// BCP 47 in the shape people write it (language, optional script and region): "de", "pt-BR", "zh-Hant".
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$/;
const Language = z
  .string()
  .regex(LANGUAGE_TAG, 'must be a BCP 47 language tag such as "de" or "pt-BR"')
  .openapi({ example: "de" });

export const TranslateBody = z
  .strictObject({ text: TextField, target: Language, source: Language.optional() })
  .openapi("TranslateRequest");

export const TranslationSchema = z
  .object({
    text: z.string(),
    target: z.string(),
    source: z.string().optional(),
    provider: z.string(),
    model: z.string(),
  })
  .openapi("Translation");

export const translateRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/translate",
  tags: ["ai"],
  summary: "Translate a text through the configured provider",
  ...guardedBy("documents:read"),
  request: { body: { required: true, content: { "application/json": { schema: TranslateBody } } } },
  responses: {
    200: {
      description: "the translation",
      content: { "application/json": { schema: envelopeOf(TranslationSchema) } },
    },
    ...errorResponses(400, 401, 403, 413, 501, 503),
  },
});

export function registerTranslate(app: App, deps: AiRouteDeps): void {
  app.openapi(translateRoute, async (c) => {
    const body = c.req.valid("json");
    checkTextSize("text", body.text);
    if (!deps.translation) throw new ApiError({ code: "NOT_IMPLEMENTED", message: HOW_TO_CONFIGURE });
    try {
      const result = await deps.translation.translate(
        { text: body.text, target: body.target, ...(body.source ? { source: body.source } : {}) },
        c.req.raw.signal,
      );
      return ok(c, result, 200);
    } catch (err) {
      if (err instanceof TranslationUnavailableError) {
        throw new ApiError({
          code: "SERVICE_UNAVAILABLE",
          message: err.message,
          headers: { "retry-after": "30" },
        });
      }
      throw err;
    }
  });
}
