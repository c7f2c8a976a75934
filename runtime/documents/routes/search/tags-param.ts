// The `tags` query parameter: repeated (?tags=a&tags=b) or comma-separated (?tags=a,b).
import { unprocessableField } from "../../../app/index.ts";

// The rules apply to the list the parameter spells out, which its schema (a string or strings)
// cannot state: 422.
const invalid = (_target: "query", field: string, message: string) => unprocessableField(field, message);

export const MAX_TAG_FILTERS = 20;
export const MAX_TAG_LENGTH = 100;

export function parseTags(raw: string | string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const tags = (Array.isArray(raw) ? raw : [raw])
    .flatMap((t) => t.split(","))
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (tags.length === 0) throw invalid("query", "tags", "must name at least one tag");
  if (tags.length > MAX_TAG_FILTERS) throw invalid("query", "tags", `at most ${MAX_TAG_FILTERS} tags`);
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (long)
    throw invalid("query", "tags", `tag "${long.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters`);
  return [...new Set(tags)];
}
