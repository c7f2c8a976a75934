// The errors the AI routes answer with, each naming the field at fault.
import { z } from "@hono/zod-openapi";
import { type ApiError, errorResponses as describeErrors, invalidField, notFound } from "../../app/index.ts";

export const invalid = invalidField;

export function documentNotFound(id: string): ApiError {
  return notFound("document", id, "document_id");
}

export const errorResponses = describeErrors({
  404: "the document does not exist, is deleted, or is not visible to the caller",
  413: "text is larger than the route accepts",
  422: "the document's text cannot be read",
  503: "the upstream provider did not answer",
});

export const DocumentIdField = z.uuid("must be a uuid").openapi({ description: "a stored document's id" });
