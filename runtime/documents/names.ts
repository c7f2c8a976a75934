// Document names are shown as file names on download: no path separators, NUL or control
// characters, and not "." or "..", so no client can be tricked into writing outside its folder.
import { z } from "@hono/zod-openapi";

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const FORBIDDEN = /[/\\\u0000-\u001f\u007f]/;

export const DocumentName = z
  .string()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .refine((v) => !FORBIDDEN.test(v), "must not contain /, \\, NUL or control characters")
  .refine((v) => v !== "." && v !== "..", 'must not be "." or ".."')
  // The same rule in the document, so a client (and the fuzzer) knows it before sending.
  .openapi({ pattern: "^[^/\\\\\\u0000-\\u001f\\u007f]+$" });

export const Tag = z
  .string()
  .min(1, "each tag must be 1-64 characters")
  .max(64, "each tag must be 1-64 characters")
  .transform((t) => t.toLowerCase());

/** Up to 50 tags, lowercased, duplicates removed. */
export const Tags = z
  .array(Tag)
  .max(50, "at most 50 tags")
  .transform((tags) => [...new Set(tags)]);

export const Metadata = z.record(z.string(), z.unknown());
