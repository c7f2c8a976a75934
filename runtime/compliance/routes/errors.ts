import { z } from "@hono/zod-openapi";
import { FRAMEWORKS } from "../../../operator/api/index.ts";
import { ApiError, ErrorEnvelopeSchema } from "../../app/index.ts";

export function invalid(field: string, message: string): ApiError {
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: `invalid ${field}: ${message}`,
    details: [{ field, message }],
  });
}

export function documentNotFound(id: string, field = "document_id"): ApiError {
  return new ApiError({
    code: "NOT_FOUND",
    message: `document ${id} not found`,
    details: [{ field, message: "no such document visible to you" }],
  });
}

const TEXT: Record<number, string> = {
  400: "invalid input, naming each bad field",
  401: "not authenticated",
  403: "the role or scopes lack the route's permission",
  404: "the document does not exist, is deleted, or is not visible to the caller",
  422: "the document cannot be checked as it is",
};

export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 422)[]) {
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

export const FrameworkName = z
  .enum(FRAMEWORKS, { error: `must be one of ${FRAMEWORKS.join(", ")}` })
  .openapi({ example: "GDPR" });
