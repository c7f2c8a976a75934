// The one interface every storage backend implements, and the typed errors it throws.
// Drivers are thin: key validation, integrity checks and error mapping are shared.
import type { Readable } from "node:stream";

export type StorageKind = "local" | "s3" | "azure" | "gcs";

export interface PutOptions {
  /** Hex SHA-256 of the whole body. The object is never committed if the bytes do not match. */
  sha256: string;
  /** Exact size in bytes. The object is never committed if the stream is shorter or longer. */
  size: number;
  /** Default `application/octet-stream`. */
  contentType?: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  /** Hex SHA-256 recorded at put time (undefined for objects written by something else). */
  sha256: string | undefined;
  contentType: string;
  lastModified: Date;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

/** Inclusive byte range, like HTTP `Range: bytes=start-end`; `end` defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface GetResult {
  body: Readable;
  info: ObjectInfo;
  /** The range actually served (inclusive), when one was asked for. */
  range?: { start: number; end: number };
}

export interface SignedUrlOptions {
  /** Default 900 (15 minutes); at most 7 days (the S3 and GCS v4 signing limit). */
  expiresInSeconds?: number;
  /** Default "GET". "PUT" lets a client upload directly. */
  method?: "GET" | "PUT";
}

export interface StorageDriver {
  readonly kind: StorageKind;
  /** Stores a body under `key`, verifying its SHA-256 and size before the object becomes visible. */
  put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<ObjectInfo>;
  /** Streams an object; throws ObjectNotFoundError if it is missing and RangeNotSatisfiableError for a bad range. */
  get(key: string, options?: { range?: ByteRange }): Promise<GetResult>;
  /** Metadata of an object; throws ObjectNotFoundError if it is missing. */
  head(key: string): Promise<ObjectInfo>;
  /** Removes an object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix` (for sweeping orphans), in pages fetched lazily. */
  list(prefix: string): AsyncIterable<ListedObject>;
  /** An expiring URL for direct access; throws UnsupportedOperationError where the backend cannot sign. */
  signedUrl(key: string, options?: SignedUrlOptions): Promise<string>;
  /** Resolves when the bucket/container/root is reachable (for /health/deep). */
  healthCheck(): Promise<void>;
}

export type StorageErrorCode =
  | "not_found"
  | "integrity"
  | "invalid_key"
  | "range_not_satisfiable"
  | "unsupported"
  | "backend";

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageError";
    this.code = code;
  }
}

export class ObjectNotFoundError extends StorageError {
  readonly key: string;
  constructor(key: string, options?: { cause?: unknown }) {
    super("not_found", `object "${key}" not found`, options);
    this.name = "ObjectNotFoundError";
    this.key = key;
  }
}

/** The body did not match the declared SHA-256 or size; nothing was stored. */
export class IntegrityError extends StorageError {
  readonly key: string;
  constructor(key: string, message: string) {
    super("integrity", `object "${key}": ${message}; nothing was stored`);
    this.name = "IntegrityError";
    this.key = key;
  }
}

export class InvalidKeyError extends StorageError {
  constructor(message: string) {
    super("invalid_key", message);
    this.name = "InvalidKeyError";
  }
}

export class RangeNotSatisfiableError extends StorageError {
  readonly size: number;
  constructor(key: string, range: ByteRange, size: number) {
    super(
      "range_not_satisfiable",
      `object "${key}": range ${range.start}-${range.end ?? ""} not satisfiable for size ${size}`,
    );
    this.name = "RangeNotSatisfiableError";
    this.size = size;
  }
}

export class UnsupportedOperationError extends StorageError {
  constructor(message: string) {
    super("unsupported", message);
    this.name = "UnsupportedOperationError";
  }
}

export function isObjectNotFound(err: unknown): err is ObjectNotFoundError {
  return err instanceof ObjectNotFoundError;
}

export const DEFAULT_CONTENT_TYPE = "application/octet-stream";
export const DEFAULT_SIGNED_URL_SECONDS = 900;
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;

export function signedUrlSeconds(options: SignedUrlOptions | undefined): number {
  const seconds = options?.expiresInSeconds ?? DEFAULT_SIGNED_URL_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_URL_SECONDS) {
    throw new StorageError(
      "backend",
      `expiresInSeconds ${seconds} not in [1, ${MAX_SIGNED_URL_SECONDS}] (7 days, the signing limit)`,
    );
  }
  return seconds;
}

/** Validates a range against a known size and returns the inclusive bounds. */
export function resolveRange(key: string, range: ByteRange, size: number): { start: number; end: number } {
  const end = range.end ?? size - 1;
  if (
    !Number.isInteger(range.start) ||
    !Number.isInteger(end) ||
    range.start < 0 ||
    end < range.start ||
    range.start >= size
  ) {
    throw new RangeNotSatisfiableError(key, range, size);
  }
  return { start: range.start, end: Math.min(end, size - 1) };
}
