// The errors the document routes answer with, each naming the field at fault.
import { ApiError, invalidField, notFound } from "../app/index.ts";

/** 400 VALIDATION_ERROR naming one field, like the validation hook's answers. */
export const invalid = invalidField;

/** 404 for a document that does not exist, is deleted, or is not visible: never 403. */
export function documentNotFound(id: string): ApiError {
  return notFound("document", id, "id");
}

export function conflict(field: string, message: string): ApiError {
  return new ApiError({ code: "CONFLICT", message, details: [{ field, message }] });
}

export function tooLarge(limit: number): ApiError {
  return new ApiError({
    code: "PAYLOAD_TOO_LARGE",
    message: `request body exceeds ${limit} bytes`,
    details: [{ field: "file", message: `at most ${limit} bytes allowed for this tenant's tier` }],
  });
}

/** The PostgreSQL error behind a driver or drizzle error (drizzle wraps it as `cause`). */
export function pgError(err: unknown): { code?: string; constraint_name?: string } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const v = e as { code?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof v.code === "string" && /^[0-9A-Z]{5}$/.test(v.code)) {
      return {
        code: v.code,
        ...(typeof v.constraint_name === "string" ? { constraint_name: v.constraint_name } : {}),
      };
    }
    e = v.cause;
  }
  return undefined;
}
