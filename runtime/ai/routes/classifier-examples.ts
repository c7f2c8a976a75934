// POST /api/v2/ai/classifier/examples (ai:train): one labeled example for the tenant's own
// classifier, from a text or from a stored document the caller can see.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { auditIn, caller, now } from "../../documents/context.ts";
import { LABEL_PATTERN, MAX_TEXT_CHARS, UNKNOWN_LABEL } from "../classify/index.ts";
import { insertExample } from "./classifier-store.ts";
import type { AiRouteDeps } from "./deps.ts";
import { DocumentIdField, errorResponses } from "./errors.ts";
import { resolveText, TextField } from "./text-input.ts";

const LABEL_RULE = `1-64 characters of a-z, 0-9, "_" or "-", starting with a letter or digit, not "${UNKNOWN_LABEL}"`;

export const AddExampleBody = z
  .strictObject({
    label: z
      .string()
      .regex(LABEL_PATTERN, `must be ${LABEL_RULE}`)
      .refine((l) => l !== UNKNOWN_LABEL, `must be ${LABEL_RULE}`)
      .openapi({ example: "invoice" }),
    text: TextField.optional(),
    document_id: DocumentIdField.optional(),
  })
  .openapi("AddClassifierExampleRequest");

export const ExampleAddedSchema = z
  .object({
    label: z.string(),
    document_id: z.string().nullable(),
    examples: z
      .record(z.string(), z.number().int())
      .openapi({ description: "the tenant's examples per label" }),
  })
  .openapi("ClassifierExampleAdded");

export const addExampleRoute = createRoute({
  method: "post",
  path: "/api/v2/ai/classifier/examples",
  tags: ["ai"],
  summary: "Add a labeled example for the tenant's classifier",
  ...guardedBy("ai:train"),
  request: { body: { required: true, content: { "application/json": { schema: AddExampleBody } } } },
  responses: {
    201: {
      description: "stored",
      content: { "application/json": { schema: envelopeOf(ExampleAddedSchema) } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

/**
 * Every `retrainEvery` examples the tenant's model is retrained in the background. The example is
 * already stored and audited: a queue that cannot be reached is logged, not turned into an error.
 */
async function retrainIfDue(
  c: Context,
  deps: AiRouteDeps,
  tenantId: string,
  examples: Record<string, number>,
) {
  const every = deps.retrainEvery ?? 0;
  const total = Object.values(examples).reduce((a, b) => a + b, 0);
  if (!deps.training || every <= 0 || total === 0 || total % every !== 0) return;
  try {
    const { jobId, queued } = await deps.training.request(tenantId, now(c));
    c.get("logger")?.info({ tenant: tenantId, jobId, queued, examples: total }, "classifier retrain queued");
  } catch (err) {
    c.get("logger")?.error({ err, tenant: tenantId }, "could not queue a classifier retrain");
  }
}

export function registerAddExample(app: App, deps: AiRouteDeps): void {
  app.openapi(addExampleRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const body = c.req.valid("json");
    const input = await resolveText(deps, { tenantId: tenant.id, principal, now: now(c) }, body);
    // The classifier reads at most this much of a text; storing more would only cost space.
    const text = input.text.slice(0, MAX_TEXT_CHARS);
    const documentId = input.kind === "document" ? input.documentId : undefined;
    await deps.databases.withTenant(tenant.id, async (tx) => {
      await insertExample(tx, tenant.id, {
        label: body.label,
        text,
        ...(documentId ? { documentId } : {}),
        // API keys are not users: the audit entry names the key.
        ...(principal.kind === "user" ? { createdBy: principal.id } : {}),
      });
      await auditIn(c, deps, tx, tenant.id, {
        action: "classifier.example.add",
        resourceType: "classifier",
        resourceId: documentId ?? null,
        metadata: {
          label: body.label,
          chars: text.length,
          ...(documentId ? { document_id: documentId } : {}),
        },
      });
    });
    const { examples } = await deps.classifier.describe(tenant.id);
    await retrainIfDue(c, deps, tenant.id, examples);
    return ok(c, { label: body.label, document_id: documentId ?? null, examples }, 201);
  });
}
