// Object keys: `{tenant}/{category}/{yyyy}/{mm}/{document}/{version}` (DESIGN.md "Runtime").
// Every driver validates keys with the same rules, so a key that is safe on S3 is also safe as a
// path under the local root: segments of [A-Za-z0-9._-], starting with a letter or digit, so
// "", ".", ".." and hidden files are impossible, and no separator other than "/".
import { InvalidKeyError } from "./storage.ts";

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_KEY_LENGTH = 1024;

export interface ObjectKeyParts {
  /** Tenant id or slug. */
  tenant: string;
  /** Category slug; use "uncategorized" when a document has none. */
  category: string;
  /** The document's creation time; the key uses its UTC year and month. */
  createdAt: Date;
  /** Document id. */
  document: string;
  /** Version number, 1-based; rendered as `v{n}`. */
  version: number;
}

function describe(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function checkSegment(part: string, value: unknown): string {
  if (typeof value !== "string") throw new InvalidKeyError(`${part} must be a string, got ${typeof value}`);
  if (!SEGMENT.test(value)) {
    throw new InvalidKeyError(
      `${part} ${describe(value)} is not a valid key segment: 1-128 characters of [A-Za-z0-9._-], starting with a letter or digit`,
    );
  }
  return value;
}

/** Builds the storage key of one document version; throws InvalidKeyError naming the bad part. */
export function objectKey(parts: ObjectKeyParts): string {
  const tenant = checkSegment("tenant", parts.tenant);
  const category = checkSegment("category", parts.category);
  const document = checkSegment("document", parts.document);
  const date = parts.createdAt;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new InvalidKeyError(`createdAt must be a valid Date, got ${String(date)}`);
  }
  if (!Number.isInteger(parts.version) || parts.version < 1) {
    throw new InvalidKeyError(`version must be a positive integer, got ${String(parts.version)}`);
  }
  const yyyy = String(date.getUTCFullYear()).padStart(4, "0");
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  return `${tenant}/${category}/${yyyy}/${mm}/${document}/v${parts.version}`;
}

export interface ParsedObjectKey {
  tenant: string;
  category: string;
  year: number;
  month: number;
  document: string;
  version: number;
}

/** The inverse of objectKey (for the orphan sweeper); undefined for keys not in that layout. */
export function parseObjectKey(key: string): ParsedObjectKey | undefined {
  const m = /^([^/]+)\/([^/]+)\/(\d{4})\/(\d{2})\/([^/]+)\/v([1-9]\d*)$/.exec(key);
  if (!m) return undefined;
  const [, tenant, category, yyyy, mm, document, version] = m;
  if (!tenant || !category || !document || !SEGMENT.test(tenant) || !SEGMENT.test(category)) return undefined;
  if (!SEGMENT.test(document)) return undefined;
  const month = Number(mm);
  if (month < 1 || month > 12) return undefined;
  return { tenant, category, year: Number(yyyy), month, document, version: Number(version) };
}

/** Checks a full key as drivers receive it; returns its segments. */
export function validateKey(key: unknown): string[] {
  if (typeof key !== "string") throw new InvalidKeyError(`key must be a string, got ${typeof key}`);
  if (key.length === 0) throw new InvalidKeyError("key must not be empty");
  if (key.length > MAX_KEY_LENGTH) {
    throw new InvalidKeyError(`key is ${key.length} characters, more than ${MAX_KEY_LENGTH}`);
  }
  const segments = key.split("/");
  segments.forEach((segment, i) => {
    if (!SEGMENT.test(segment)) {
      throw new InvalidKeyError(
        `key ${describe(key)}: segment ${i + 1} ${describe(segment)} is not valid: 1-128 characters of [A-Za-z0-9._-], starting with a letter or digit`,
      );
    }
  });
  return segments;
}

/**
 * Checks a listing prefix: "" (everything), whole segments ending in "/" ("acme/contracts/"), or
 * whole segments followed by the start of one ("acme/con").
 */
export function validatePrefix(prefix: unknown): string {
  if (typeof prefix !== "string") throw new InvalidKeyError(`prefix must be a string, got ${typeof prefix}`);
  if (prefix === "") return prefix;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  try {
    validateKey(trimmed);
  } catch (err) {
    throw new InvalidKeyError(`prefix ${describe(prefix)}: ${(err as Error).message}`);
  }
  return prefix;
}
