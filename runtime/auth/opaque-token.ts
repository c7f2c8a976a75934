// Opaque secrets (refresh tokens, API keys): random, base62 so they survive copy-paste and need no
// escaping, and stored only as SHA-256. A plain hash (no salt, no argon2) is right here because the
// secrets carry >= 256 bits of entropy: there is nothing to guess, so slow hashing would only cost
// CPU per request, and a deterministic hash lets the database look a token up by its hash.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` random base62 characters (rejection sampling: no modulo bias). */
export function randomBase62(length: number, alphabet: string = BASE62): string {
  let out = "";
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests of equal length. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
