// An opaque page cursor: base64url JSON {v, seq, f}, where f fingerprints the filters it was made
// for. A cursor that does not decode, has the wrong shape, or belongs to other filters is refused.
import { createHash } from "node:crypto";
import { z } from "zod";

const CursorSchema = z.strictObject({
  v: z.literal(1),
  seq: z.number().int().positive(),
  f: z.string().length(16),
});

export function filterFingerprint(filters: Record<string, unknown>): string {
  const keys = Object.keys(filters).sort();
  const text = JSON.stringify(
    keys.map((k) => [k, filters[k] instanceof Date ? (filters[k] as Date).toISOString() : filters[k]]),
  );
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

export function encodeCursor(seq: number, filters: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: 1, seq, f: filterFingerprint(filters) })).toString("base64url");
}

/** The seq the cursor stands for; `err` says why it is refused. */
export function decodeCursor(
  cursor: string,
  filters: Record<string, unknown>,
): { val: number; err?: undefined } | { val?: undefined; err: string } {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return { err: "is not a cursor returned by this API" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return { err: "is not a cursor returned by this API" };
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success) return { err: "is not a cursor returned by this API" };
  if (result.data.f !== filterFingerprint(filters)) {
    return { err: "was issued for different filters; repeat the query without it" };
  }
  return { val: result.data.seq };
}
