// Sales-ops access to the control-plane API: bearer tokens (or the console's session cookie holding
// one), kept apart from runtime users. Only SHA-256 digests are stored; comparison is constant-time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";

const TokensFile = z.object({
  tokens: z.array(z.object({ name: z.string().min(1), sha256: z.string().regex(/^[a-f0-9]{64}$/) })).min(1),
});

export interface TokenVerifier {
  /** The token's name when valid, else undefined. */
  verify(token: string | undefined): string | undefined;
}

const digest = (token: string) => createHash("sha256").update(token).digest();

export function tokenVerifier(entries: readonly { name: string; sha256: string }[]): TokenVerifier {
  const known = entries.map((e) => ({ name: e.name, digest: Buffer.from(e.sha256, "hex") }));
  return {
    verify(token) {
      if (!token || token.length > 512) return undefined;
      const d = digest(token);
      let match: string | undefined;
      for (const k of known) if (timingSafeEqual(d, k.digest)) match = k.name; // no early exit
      return match;
    },
  };
}

export function readTokensFile(file: string): TokenVerifier {
  const parsed = TokensFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `${file}: expected {"tokens":[{"name":"...","sha256":"<64 hex>"}]}: ${parsed.error.issues[0]?.message}`,
    );
  }
  return tokenVerifier(parsed.data.tokens);
}

/** A new token and the file entry that admits it. */
export function newToken(name: string): { token: string; entry: { name: string; sha256: string } } {
  const token = `wspec_so_${randomBytes(24).toString("base64url")}`;
  return { token, entry: { name, sha256: digest(token).toString("hex") } };
}
