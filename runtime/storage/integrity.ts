// Integrity checks shared by every driver. A streamed body passes through a transform that hashes
// it and holds back its last chunk until the SHA-256 and size are verified: on a mismatch the
// stream fails before the backend has received every byte it was promised, so no backend can
// commit a corrupt object (local: no rename; S3/GCS: a short body; Azure: no block-list commit).
import { createHash } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { IntegrityError, type PutOptions, StorageError } from "./storage.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Validates PutOptions and returns them normalized (lower-case hex). */
export function checkPutOptions(key: string, options: PutOptions): PutOptions {
  const sha256 = typeof options.sha256 === "string" ? options.sha256.toLowerCase() : "";
  if (!SHA256_HEX.test(sha256)) {
    throw new StorageError("integrity", `object "${key}": sha256 must be 64 hex characters`);
  }
  if (!Number.isSafeInteger(options.size) || options.size < 0) {
    throw new StorageError("integrity", `object "${key}": size must be a non-negative integer`);
  }
  return { ...options, sha256 };
}

/** Checks a buffer body synchronously before anything is sent. */
export function verifyBuffer(key: string, body: Uint8Array, options: PutOptions): void {
  if (body.byteLength !== options.size) {
    throw new IntegrityError(key, `size is ${body.byteLength} bytes, declared ${options.size}`);
  }
  const actual = sha256Hex(body);
  if (actual !== options.sha256) {
    throw new IntegrityError(key, `sha256 is ${actual}, declared ${options.sha256}`);
  }
}

/** A transform that verifies size and SHA-256, withholding the final chunk until both match. */
export function verifyingStream(key: string, options: PutOptions): Transform {
  const hash = createHash("sha256");
  let seen = 0;
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > options.size) {
        callback(new IntegrityError(key, `body is longer than the declared ${options.size} bytes`));
        return;
      }
      hash.update(chunk);
      const previous = held;
      held = chunk;
      callback(null, previous);
    },
    flush(callback: TransformCallback) {
      if (seen !== options.size) {
        callback(new IntegrityError(key, `size is ${seen} bytes, declared ${options.size}`));
        return;
      }
      const actual = hash.digest("hex");
      if (actual !== options.sha256) {
        callback(new IntegrityError(key, `sha256 is ${actual}, declared ${options.sha256}`));
        return;
      }
      callback(null, held);
    },
  });
}

/** A verified stream for either body form (buffers are checked up front and wrapped). */
export function verifiedBody(key: string, body: Readable | Uint8Array, options: PutOptions): Readable {
  if (body instanceof Uint8Array) {
    verifyBuffer(key, body, options);
    return Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)], { objectMode: false });
  }
  const verifier = verifyingStream(key, options);
  body.on("error", (err) => verifier.destroy(err));
  return body.pipe(verifier);
}
