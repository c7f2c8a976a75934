// Turns a failed zod validation into 400 VALIDATION_ERROR naming every field; used as the
// OpenAPIHono defaultHook so every route validates the same way. A valid input is checked once
// more for text PostgreSQL cannot store (NUL) or that is not Unicode (a lone surrogate from a \u
// escape): every route refuses it here, naming the field, instead of failing at the database.
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

export const NUL_MESSAGE = "must not contain NUL (U+0000)";
export const UNICODE_MESSAGE = "must be valid Unicode (a lone surrogate is not)";

// String.prototype.isWellFormed, which the TypeScript lib in use does not declare yet.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string): string | undefined {
  if (s.includes("\u0000")) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(s)) return UNICODE_MESSAGE;
  return undefined;
}

/** Every string (and object key) in a validated input that cannot be stored as text, by field. */
export function textDetails(value: unknown, target: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const walk = (v: unknown, path: string[]) => {
    const field = path.join(".") || target;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) details.push({ field, message: problem });
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, [...path, String(i)]);
    } else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        const problem = textProblem(key);
        if (problem) details.push({ field: [...path, key].join("."), message: `key ${problem}` });
        walk(item, [...path, key]);
      }
    }
  };
  walk(value, []);
  return details;
}

export function validationHook(
  result: { target: string } & ({ success: true; data?: unknown } | { success: false; error: z.ZodError }),
  c: Context,
): Response | undefined {
  const details = result.success
    ? textDetails(result.data, result.target)
    : zodDetails(result.error, result.target);
  if (details.length === 0) return undefined;
  const fields = [...new Set(details.map((d) => d.field))].join(", ");
  return errorResponse(c, "VALIDATION_ERROR", `invalid ${result.target}: ${fields}`, details);
}
