// Encryption at rest for small secrets the server must read back (TOTP secrets, webhook signing
// secrets): AES-256-GCM with a random 96-bit IV, and associated data binding the ciphertext to its
// owner (e.g. tenant and user id), so a ciphertext copied onto another user's row does not
// decrypt. keyId lets the key rotate (old keys decrypt).
//
// One configured key serves several purposes, so each purpose encrypts with its own key, derived
// with HKDF-SHA256 (info `wspec/secret-box/v2/<purpose>`): a value sealed as a TOTP secret never
// opens as a webhook secret, and the raw key itself encrypts nothing. Formats (base64url parts):
// `v2.<keyId>.<iv>.<ciphertext>.<tag>` with the purpose's key; `v1.…` is what boxes sealed before
// purposes existed, with the raw key: still opened (acceptLegacy), and `needsReseal` tells the
// owner to write the value back sealed anew.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export interface SecretBoxKey {
  id: string;
  /** 32 bytes, base64. */
  key: string;
}

export interface SecretBox {
  seal(plaintext: string, associatedData: string): string;
  /** Throws for a tampered value, a wrong owner, an unknown key or another purpose's value. */
  open(sealed: string, associatedData: string): string;
  /** True for a value sealed the old way (v1) or with a key other than the current one. */
  needsReseal(sealed: string): boolean;
}

export interface SecretBoxOptions {
  /**
   * What this box seals (`totp`, `webhook-secret`, …): the key it encrypts with is derived for
   * this purpose alone. Without one the box seals v1 values with the raw key (tests and tools).
   */
  purpose?: string;
  /** Open v1 values (sealed with the raw key, before purposes). @default true */
  acceptLegacy?: boolean;
}

const PURPOSE = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The purposes the runtime derives keys for from AUTH_SECRET_BOX_KEY; each is used by one kind of value. */
export const SECRET_PURPOSES = {
  totp: "totp",
  webhookSecret: "webhook-secret",
  pageCursor: "page-cursor",
} as const;

/** A 32-byte key for `purpose` derived from a configured key (HKDF-SHA256; the raw key is never used as is). */
export function deriveKey(key: string | Buffer, purpose: string): Buffer {
  if (!PURPOSE.test(purpose))
    throw new Error(`deriveKey: purpose ${JSON.stringify(purpose)} must match ${PURPOSE}`);
  const raw = typeof key === "string" ? Buffer.from(key, "base64") : key;
  return Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), `wspec/secret-box/v2/${purpose}`, 32));
}

const b64u = (b: Buffer) => b.toString("base64url");

/** The first key encrypts; all of them decrypt. */
export function createSecretBox(keys: readonly SecretBoxKey[], opts: SecretBoxOptions = {}): SecretBox {
  const { purpose, acceptLegacy = true } = opts;
  if (keys.length === 0) throw new Error("secret box: at least one key is required");
  if (purpose !== undefined && !PURPOSE.test(purpose))
    throw new Error(`secret box: purpose ${JSON.stringify(purpose)} must match ${PURPOSE}`);
  const raw = new Map<string, Buffer>();
  const derived = new Map<string, Buffer>();
  for (const k of keys) {
    if (!/^[A-Za-z0-9-]{1,32}$/.test(k.id))
      throw new Error(`secret box: key id ${JSON.stringify(k.id)} must be 1-32 of [A-Za-z0-9-]`);
    const bytes = Buffer.from(k.key, "base64");
    if (bytes.length !== 32)
      throw new Error(`secret box: key "${k.id}" must be 32 bytes of base64 (got ${bytes.length})`);
    raw.set(k.id, bytes);
    if (purpose !== undefined) derived.set(k.id, deriveKey(bytes, purpose));
  }
  const current = keys[0] as SecretBoxKey;
  const sealVersion = purpose === undefined ? "v1" : "v2";
  const sealKey = (purpose === undefined ? raw : derived).get(current.id) as Buffer;
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", sealKey, iv);
      cipher.setAAD(Buffer.from(associatedData, "utf8"));
      const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [sealVersion, current.id, b64u(iv), b64u(ct), b64u(cipher.getAuthTag())].join(".");
    },
    open(sealed, associatedData) {
      const [version, keyId, iv, ct, tag] = sealed.split(".");
      if ((version !== "v1" && version !== "v2") || !keyId || !iv || ct === undefined || !tag)
        throw new Error("secret box: malformed value");
      if (version === "v1" && purpose !== undefined && !acceptLegacy)
        throw new Error("secret box: value sealed before purposes (v1) is no longer accepted");
      if (version === "v2" && purpose === undefined)
        throw new Error("secret box: a v2 value needs a box with its purpose");
      const key = (version === "v1" ? raw : derived).get(keyId);
      if (!key) throw new Error(`secret box: unknown key "${keyId}"`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(associatedData, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new Error(
          "secret box: value does not authenticate (tampered, sealed for another owner or purpose)",
        );
      }
    },
    needsReseal(sealed) {
      const [version, keyId] = sealed.split(".");
      return version !== sealVersion || keyId !== current.id;
    },
  };
}
