import { ApiError } from "../../../app/index.ts";

/** 400 naming one field, worded like the validation hook's answers ("invalid query: cursor"). */
export function invalid(target: "body" | "query" | "path", field: string, message: string): ApiError {
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: `invalid ${target}: ${field}`,
    details: [{ field, message }],
  });
}
