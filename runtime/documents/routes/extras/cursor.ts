// Opaque page cursors: base64url of JSON {v, p, f, s}. `p` is the position (whatever the list
// orders by), `f` fingerprints what the cursor was issued for (query, filters, caller), `s` is an
// HMAC over both, so an edited or foreign cursor is refused with 400 naming `cursor`. The key is
// the deployment's (derived from AUTH_SECRET_BOX_KEY, runtime/main.ts) or, without one, random per
// process: never a constant that anyone reading this code could sign with.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const Envelope = z.strictObject({
  v: z.literal(1),
  p: z.unknown(),
  f: z.string().length(16),
  s: z.string().length(43),
});

/** Used when no key is configured: cursors then hold within this process only. */
const DEFAULT_KEY = randomBytes(32);

export function fingerprint(scope: unknown): string {
  return createHash("sha256").update(JSON.stringify(scope)).digest("hex").slice(0, 16);
}

function sign(key: string | Buffer, p: unknown, f: string): string {
  return createHmac("sha256", key)
    .update(JSON.stringify([p, f]))
    .digest("base64url");
}

export function encodeCursor(position: unknown, scope: unknown, key: string | Buffer = DEFAULT_KEY): string {
  const f = fingerprint(scope);
  return Buffer.from(JSON.stringify({ v: 1, p: position, f, s: sign(key, position, f) })).toString(
    "base64url",
  );
}

/** The position a cursor stands for; `err` says why it is refused. */
export function decodeCursor<T>(
  cursor: string,
  scope: unknown,
  position: z.ZodType<T>,
  key: string | Buffer = DEFAULT_KEY,
): { val: T; err?: undefined } | { val?: undefined; err: string } {
  const refused = { err: "is not a cursor returned by this API" } as const;
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) return refused;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return refused;
  }
  const env = Envelope.safeParse(parsed);
  if (!env.success) return refused;
  const expected = Buffer.from(sign(key, env.data.p, env.data.f));
  const given = Buffer.from(env.data.s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return refused;
  if (env.data.f !== fingerprint(scope)) {
    return { err: "was issued for a different query or caller; repeat the query without it" };
  }
  const pos = position.safeParse(env.data.p);
  return pos.success ? { val: pos.data } : refused;
}
