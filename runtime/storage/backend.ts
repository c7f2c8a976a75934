// What the cloud drivers (S3, Azure Blob, GCS) share: where an object's SHA-256 is kept, how a
// backend's properties become ObjectInfo, how a failing upload body ends its request, and how a
// backend's error becomes a storage error. Each driver only says what its SDK's answers mean.
import type { Readable } from "node:stream";
import { DEFAULT_CONTENT_TYPE, type ObjectInfo, ObjectNotFoundError, StorageError } from "./storage.ts";

/** The user-metadata entry holding the SHA-256 given at put time. */
export const SHA256_METADATA = "sha256";

/** An object's properties as a backend reports them; what it leaves out gets the same default everywhere. */
export interface BackendProperties {
  size?: number;
  metadata?: Record<string, unknown>;
  contentType?: string;
  lastModified?: Date;
}

export function objectInfo(key: string, p: BackendProperties): ObjectInfo {
  const sha256 = p.metadata?.[SHA256_METADATA];
  return {
    key,
    size: p.size ?? 0,
    sha256: typeof sha256 === "string" ? sha256 : undefined,
    contentType: p.contentType ?? DEFAULT_CONTENT_TYPE,
    lastModified: p.lastModified ?? new Date(0),
  };
}

/** What a driver makes of one backend error; messages carry the driver's name and the key. */
export interface BackendErrorReading {
  /** Set when the bucket or container itself is missing: a configuration error, not NotFound. */
  missingContainer?: string;
  /** The object is missing. */
  notFound: boolean;
  /** The message of any other failure. */
  message: string;
}

export function backendError(key: string, err: unknown, reading: BackendErrorReading): Error {
  if (err instanceof StorageError) return err;
  if (reading.missingContainer !== undefined) {
    return new StorageError("backend", reading.missingContainer, { cause: err });
  }
  if (reading.notFound) return new ObjectNotFoundError(key, { cause: err });
  return new StorageError("backend", reading.message, { cause: err });
}

/**
 * Sends a verified upload body. The SDKs do not end a request whose body stream fails, so the
 * request is aborted at once and never reaches the backend with every byte it was promised; a
 * verification error is thrown as it is. Returns an error the stream raised after the send
 * succeeded, for the driver to judge.
 */
export async function sendBody(
  stream: Readable,
  send: (signal: AbortSignal) => Promise<unknown>,
  mapError: (err: unknown) => Error,
): Promise<unknown> {
  const abort = new AbortController();
  let streamError: unknown;
  stream.on("error", (err) => {
    streamError = err;
    abort.abort(err);
  });
  try {
    await send(abort.signal);
  } catch (err) {
    throw streamError instanceof StorageError ? streamError : mapError(err);
  }
  return streamError;
}

/** Deletes, treating an object that is already gone as deleted. */
export async function deleteIfPresent(
  remove: () => Promise<unknown>,
  mapError: (err: unknown) => Error,
): Promise<void> {
  try {
    await remove();
  } catch (err) {
    const mapped = mapError(err);
    if (!(mapped instanceof ObjectNotFoundError)) throw mapped;
  }
}
