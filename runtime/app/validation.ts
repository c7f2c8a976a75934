// Turns a failed zod validation into 400 VALIDATION_ERROR naming every field; used as the
// OpenAPIHono defaultHook so every route validates the same way.
import type { Context } from "hono";
import type { z } from "zod";
import { type ErrorDetail, errorResponse } from "./errors.ts";

/** One detail per problem; an unknown key is named itself, a root problem names the target. */
export function zodDetails(error: z.ZodError, target: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        details.push({ field: base ? `${base}.${key}` : key, message: "unknown field" });
      }
      continue;
    }
    details.push({ field: base || target, message: issue.message });
  }
  return details;
}

export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: z.ZodError }),
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const details = zodDetails(result.error, result.target);
  const fields = [...new Set(details.map((d) => d.field))].join(", ");
  return errorResponse(c, "VALIDATION_ERROR", `invalid ${result.target}: ${fields}`, details);
}
