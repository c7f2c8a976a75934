// Path parameters and error responses the document routes share.
import { z } from "@hono/zod-openapi";
import { ErrorEnvelopeSchema } from "../app/index.ts";

export const DocumentIdParam = z.object({
  id: z.uuid("must be a uuid").openapi({ param: { name: "id", in: "path" } }),
});

export const VersionParam = DocumentIdParam.extend({
  version: z.coerce
    .number({ error: "must be a positive integer" })
    .int("must be a positive integer")
    .positive("must be a positive integer")
    .max(2_147_483_647, "must be a positive integer")
    .openapi({ param: { name: "version", in: "path" }, type: "integer" }),
});

const TEXT: Record<number, string> = {
  400: "invalid input, naming each bad field",
  401: "not authenticated",
  403: "the role or scopes lack the route's permission",
  404: "not found in this tenant, deleted, or not visible to the caller",
  409: "conflicts with the document's state (legal hold, retention, identical content)",
  413: "the body exceeds the tenant tier's limit",
  415: "content type not allowed or contradicted by the bytes",
  416: "the range is not satisfiable",
};

/** OpenAPI error responses in the error envelope for the given statuses. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 416)[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: TEXT[s] ?? "error", content: { "application/json": { schema: ErrorEnvelopeSchema } } },
    ]),
  ) as Record<
    number,
    { description: string; content: { "application/json": { schema: typeof ErrorEnvelopeSchema } } }
  >;
}
