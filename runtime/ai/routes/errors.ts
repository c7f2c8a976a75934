// The errors the AI routes answer with, each naming the field at fault.
import { z } from "@hono/zod-openapi";
import { ApiError, ErrorEnvelopeSchema } from "../../app/index.ts";

export function invalid(field: string, message: string): ApiError {
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: `invalid ${field}: ${message}`,
    details: [{ field, message }],
  });
}

export function documentNotFound(id: string): ApiError {
  return new ApiError({
    code: "NOT_FOUND",
    message: `document ${id} not found`,
    details: [{ field: "document_id", message: "no such document visible to you" }],
  });
}

const TEXT: Record<number, string> = {
  400: "invalid input, naming each bad field",
  401: "not authenticated",
  403: "the role or scopes lack the route's permission",
  404: "the document does not exist, is deleted, or is not visible to the caller",
  413: "text is larger than the route accepts",
  422: "the document's text cannot be read",
  501: "not configured on this server; the message says how to configure it",
  503: "the upstream provider did not answer",
};

export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 413 | 422 | 501 | 503)[]) {
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

export const DocumentIdField = z.uuid("must be a uuid").openapi({ description: "a stored document's id" });
