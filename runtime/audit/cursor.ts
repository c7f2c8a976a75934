// An opaque page cursor: base64url JSON {v, seq, f, s}, where f fingerprints the filters it was
// made for and s is an HMAC over both with a secret key, so a cursor cannot be made up or edited
// (the key is the deployment's, or random per process: never a constant anyone can read). A
// cursor that does not decode, has the wrong shape or signature, or belongs to other filters is
// refused.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const CursorSchema = z.strictObject({
  v: z.literal(2),
  seq: z.number().int().positive(),
  f: z.string().length(16),
  s: z.string().length(43),
});

/** Used when no key is configured: cursors then hold within this process only. */
const PROCESS_KEY = randomBytes(32);

export function filterFingerprint(filters: Record<string, unknown>): string {
  const keys = Object.keys(filters).sort();
  const text = JSON.stringify(
    keys.map((k) => [k, filters[k] instanceof Date ? (filters[k] as Date).toISOString() : filters[k]]),
  );
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function sign(key: string | Buffer, seq: number, f: string): string {
  return createHmac("sha256", key).update(`wspec.audit.cursor:${seq}:${f}`).digest("base64url");
}

export function encodeCursor(
  seq: number,
  filters: Record<string, unknown>,
  key: string | Buffer = PROCESS_KEY,
): string {
  const f = filterFingerprint(filters);
  return Buffer.from(JSON.stringify({ v: 2, seq, f, s: sign(key, seq, f) })).toString("base64url");
}

/** The seq the cursor stands for; `err` says why it is refused. */
export function decodeCursor(
  cursor: string,
  filters: Record<string, unknown>,
  key: string | Buffer = PROCESS_KEY,
): { val: number; err?: undefined } | { val?: undefined; err: string } {
  const refused = { err: "is not a cursor returned by this API" } as const;
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(cursor)) return refused;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return refused;
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success) return refused;
  const expected = Buffer.from(sign(key, result.data.seq, result.data.f));
  const given = Buffer.from(result.data.s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return refused;
  if (result.data.f !== filterFingerprint(filters)) {
    return { err: "was issued for different filters; repeat the query without it" };
  }
  return { val: result.data.seq };
}
