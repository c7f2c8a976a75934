// Password hashing (argon2id) and the password policy.
//
// Parameters: OWASP Password Storage Cheat Sheet's first argon2id option, m=19456 KiB (19 MiB),
// t=2, p=1, 32-byte output, 16-byte random salt: about 20-40 ms per hash on one core here, which
// keeps login fast while making offline guessing costly. Hashes are PHC strings
// ($argon2id$v=19$m=19456,t=2,p=1$salt$hash) so the parameters travel with each hash and
// needsRehash() tells the login flow when to upgrade a stored hash after a parameter change.
// An optional pepper (a server-side secret, never stored with the hashes) is argon2's `secret`.
import { type Algorithm, hash, parseOptions, verify } from "@node-rs/argon2";

export interface Argon2Params {
  /** KiB. Default 19456. */
  memoryCost: number;
  /** Passes. Default 2. */
  timeCost: number;
  /** Lanes. Default 1. */
  parallelism: number;
}

export const DEFAULT_ARGON2_PARAMS: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

// `Algorithm` is an ambient const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OUTPUT_LEN = 32;

export interface PasswordHasherOptions {
  params?: Argon2Params;
  /** Server-side secret mixed into every hash; changing it invalidates every stored hash. */
  pepper?: string;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed stored hash; never throws on user input. */
  verify(storedHash: string, password: string): Promise<boolean>;
  /** True when a stored hash was made with other parameters (rehash it after a successful login). */
  needsRehash(storedHash: string): boolean;
}

export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const params = options.params ?? DEFAULT_ARGON2_PARAMS;
  if (params.memoryCost < 8 * params.parallelism || params.timeCost < 1 || params.parallelism < 1) {
    throw new Error(`argon2 params invalid: ${JSON.stringify(params)}`);
  }
  const secret = options.pepper ? Buffer.from(options.pepper, "utf8") : undefined;
  const argonOptions = {
    algorithm: ARGON2ID,
    outputLen: OUTPUT_LEN,
    ...params,
    ...(secret ? { secret } : {}),
  };
  return {
    hash: (password) => hash(password, argonOptions),
    async verify(storedHash, password) {
      if (!storedHash.startsWith("$argon2id$")) return false;
      try {
        return await verify(storedHash, password, secret ? { secret } : undefined);
      } catch {
        return false;
      }
    },
    needsRehash(storedHash) {
      try {
        const p = parseOptions(storedHash);
        return (
          p.algorithm !== ARGON2ID ||
          p.memoryCost !== params.memoryCost ||
          p.timeCost !== params.timeCost ||
          p.parallelism !== params.parallelism ||
          p.outputLen !== OUTPUT_LEN
        );
      } catch {
        return true;
      }
    },
  };
}

export interface PasswordPolicy {
  /** Default 12 (NIST SP 800-63B allows 8; regulated tenants expect more). */
  minLength: number;
  /** Default 128: long enough for passphrases, short enough to bound hashing work. */
  maxLength: number;
  /** Distinct characters required. Default 5 (rejects "aaaaaaaaaaaa", "abababababab"). */
  minDistinct: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12, maxLength: 128, minDistinct: 5 };

export interface PasswordIssue {
  code:
    | "too_short"
    | "too_long"
    | "contains_email"
    | "contains_name"
    | "too_few_distinct"
    | "common"
    | "sequence"
    | "control_chars";
  message: string;
}

// The most common passwords that meet the length rule (from public breach corpora); a full
// breached-password check (e.g. k-anonymity against HIBP) belongs to the deployment, not here.
const COMMON = new Set([
  "password1234",
  "passwordpassword",
  "password123456",
  "qwertyuiopasdfgh",
  "qwertyuiop123",
  "123456789012",
  "1234567890123",
  "iloveyou1234",
  "administrator",
  "administrator1",
  "welcome12345",
  "changeme1234",
  "letmein12345",
  "trustno11234",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "zaq12wsxcde3",
  "qwerty123456",
  "abc123456789",
  "football1234",
  "baseball1234",
  "monkey123456",
  "sunshine1234",
  "princess1234",
  "superman1234",
  "starwars1234",
  "dragon123456",
  "master123456",
  "passw0rd1234",
  "p@ssw0rd1234",
  "p@ssword1234",
]);

const SEQUENCES = [
  "0123456789012345678901234567890",
  "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnm",
];

/**
 * Checks a new password against the policy; returns every issue with a message for the user.
 * Follows NIST SP 800-63B: length and blocklists rather than composition rules.
 */
export function checkPassword(
  password: string,
  context: { email?: string; name?: string } = {},
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  const length = [...password].length;
  if (length < policy.minLength) {
    issues.push({
      code: "too_short",
      message: `password must be at least ${policy.minLength} characters (got ${length})`,
    });
  }
  if (length > policy.maxLength) {
    issues.push({
      code: "too_long",
      message: `password must be at most ${policy.maxLength} characters (got ${length})`,
    });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
  if (/[\u0000-\u001f\u007f]/.test(password)) {
    issues.push({ code: "control_chars", message: "password must not contain control characters" });
  }
  const lower = password.toLowerCase();
  const email = context.email?.toLowerCase().trim();
  if (email) {
    const local = email.split("@")[0] ?? "";
    if (lower.includes(email) || (local.length >= 4 && lower.includes(local))) {
      issues.push({
        code: "contains_email",
        message: "password must not contain your email address or its user name",
      });
    }
  }
  const name = context.name?.toLowerCase().trim();
  if (name && name.length >= 4 && lower.includes(name)) {
    issues.push({ code: "contains_name", message: "password must not contain your name" });
  }
  if (new Set(password).size < policy.minDistinct) {
    issues.push({
      code: "too_few_distinct",
      message: `password must use at least ${policy.minDistinct} different characters`,
    });
  }
  if (COMMON.has(lower)) {
    issues.push({ code: "common", message: "password is too common; choose a longer passphrase" });
  } else if (
    lower.length >= 8 &&
    SEQUENCES.some((s) => s.includes(lower) || [...s].reverse().join("").includes(lower))
  ) {
    issues.push({ code: "sequence", message: "password must not be a keyboard or alphabet sequence" });
  }
  return issues;
}
