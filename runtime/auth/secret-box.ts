// Encryption at rest for small secrets the server must read back (TOTP secrets): AES-256-GCM with
// a random 96-bit IV, and associated data binding the ciphertext to its owner (e.g. tenant and user
// id), so a ciphertext copied onto another user's row does not decrypt. Format:
// `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url); keyId lets the key rotate (old keys decrypt).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface SecretBoxKey {
  id: string;
  /** 32 bytes, base64. */
  key: string;
}

export interface SecretBox {
  seal(plaintext: string, associatedData: string): string;
  /** Throws for a tampered value, a wrong owner or an unknown key. */
  open(sealed: string, associatedData: string): string;
}

const b64u = (b: Buffer) => b.toString("base64url");

/** The first key encrypts; all of them decrypt. */
export function createSecretBox(keys: readonly SecretBoxKey[]): SecretBox {
  if (keys.length === 0) throw new Error("secret box: at least one key is required");
  const byId = new Map<string, Buffer>();
  for (const k of keys) {
    if (!/^[A-Za-z0-9-]{1,32}$/.test(k.id))
      throw new Error(`secret box: key id ${JSON.stringify(k.id)} must be 1-32 of [A-Za-z0-9-]`);
    const raw = Buffer.from(k.key, "base64");
    if (raw.length !== 32)
      throw new Error(`secret box: key "${k.id}" must be 32 bytes of base64 (got ${raw.length})`);
    byId.set(k.id, raw);
  }
  const current = keys[0] as SecretBoxKey;
  const currentKey = byId.get(current.id) as Buffer;
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", currentKey, iv);
      cipher.setAAD(Buffer.from(associatedData, "utf8"));
      const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return ["v1", current.id, b64u(iv), b64u(ct), b64u(cipher.getAuthTag())].join(".");
    },
    open(sealed, associatedData) {
      const [version, keyId, iv, ct, tag] = sealed.split(".");
      if (version !== "v1" || !keyId || !iv || ct === undefined || !tag)
        throw new Error("secret box: malformed value");
      const key = byId.get(keyId);
      if (!key) throw new Error(`secret box: unknown key "${keyId}"`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(associatedData, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new Error("secret box: value does not authenticate (tampered, or sealed for another owner)");
      }
    },
  };
}
