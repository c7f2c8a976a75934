// The ApiErrors routes throw by hand, worded like the validation hook's answers so a client sees
// one shape whether zod or the handler found the fault.
import { ApiError } from "./errors.ts";

/** 400 VALIDATION_ERROR naming one field: "invalid <field>: <message>". */
export function invalidField(field: string, message: string): ApiError {
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: `invalid ${field}: ${message}`,
    details: [{ field, message }],
  });
}

/**
 * 404 for a `kind` that does not exist or is not visible to the caller (never 403, which would
 * confirm it exists), naming the request field that carried the id.
 */
export function notFound(kind: string, id: string, field: string): ApiError {
  return new ApiError({
    code: "NOT_FOUND",
    message: `${kind} ${id} not found`,
    details: [{ field, message: `no such ${kind} visible to you` }],
  });
}

/**
 * 422 UNPROCESSABLE_ENTITY naming one field: the request is what the OpenAPI document describes,
 * but the value breaks a rule no schema can state (a cursor this API did not issue, a host that
 * does not resolve). 400 stays for requests that break the document itself.
 */
export function unprocessableField(field: string, message: string): ApiError {
  return new ApiError({
    code: "UNPROCESSABLE_ENTITY",
    message: `invalid ${field}: ${message}`,
    details: [{ field, message }],
  });
}

/** A page cursor that this API did not issue for this list (or that was edited): 422. */
export function refusedCursor(message: string): ApiError {
  return unprocessableField("cursor", message);
}
