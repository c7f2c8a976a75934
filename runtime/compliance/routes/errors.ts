import { z } from "@hono/zod-openapi";
import { FRAMEWORKS } from "../../../crds/index.ts";
import { type ApiError, errorResponses as describeErrors, invalidField, notFound } from "../../app/index.ts";

export const invalid = invalidField;

export function documentNotFound(id: string, field = "document_id"): ApiError {
  return notFound("document", id, field);
}

export const errorResponses = describeErrors({
  404: "the document does not exist, is deleted, or is not visible to the caller",
  422: "the document cannot be checked as it is",
});

export const FrameworkName = z
  .enum(FRAMEWORKS, { error: `must be one of ${FRAMEWORKS.join(", ")}` })
  .openapi({ example: "GDPR" });
