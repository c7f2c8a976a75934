// Google Cloud Storage driver (@google-cloud/storage), with `apiEndpoint` for emulators
// (fake-gcs-server). Uploads are single-request (resumable: false): a verification failure aborts
// the request before its last bytes, so GCS never finalizes the object.

import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Bucket, type File, Storage } from "@google-cloud/storage";
import { backendError, deleteIfPresent, objectInfo, SHA256_METADATA } from "./backend.ts";
import { checkPutOptions, verifiedBody } from "./integrity.ts";
import { validateKey, validatePrefix } from "./object-key.ts";
import {
  type ByteRange,
  DEFAULT_CONTENT_TYPE,
  type GetResult,
  type ListedObject,
  type ObjectInfo,
  type PutOptions,
  resolveRange,
  type SignedUrlOptions,
  type StorageDriver,
  StorageError,
  signedUrlSeconds,
  UnsupportedOperationError,
} from "./storage.ts";

export interface GcsDriverOptions {
  bucket: string;
  projectId?: string;
  /** Custom endpoint (fake-gcs-server, private service connect); omit for Google. */
  apiEndpoint?: string;
  /** Service-account key; omit to use Application Default Credentials. Needed for signedUrl(). */
  credentials?: { client_email: string; private_key: string };
}

const PAGE_SIZE = 1000;

function codeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === "number" ? code : undefined;
}

export class GcsStorageDriver implements StorageDriver {
  readonly kind = "gcs" as const;
  readonly #bucket: Bucket;
  readonly #signing: boolean;

  constructor(options: GcsDriverOptions) {
    const storage = new Storage({
      ...(options.projectId ? { projectId: options.projectId } : {}),
      ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    this.#bucket = storage.bucket(options.bucket);
    this.#signing = options.credentials !== undefined || !options.apiEndpoint;
  }

  #mapError(key: string, err: unknown): Error {
    const message = (err as Error).message ?? "";
    const missing = codeOf(err) === 404 && /bucket/i.test(message) && !/object/i.test(message);
    return backendError(key, err, {
      missingContainer: missing ? `gcs: bucket "${this.#bucket.name}" does not exist` : undefined,
      notFound: codeOf(err) === 404,
      message: `gcs: ${codeOf(err) ?? "error"} on "${key}": ${message}`,
    });
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<ObjectInfo> {
    validateKey(key);
    const opts = checkPutOptions(key, options);
    const file = this.#bucket.file(key);
    try {
      await pipeline(
        verifiedBody(key, body, opts),
        file.createWriteStream({
          resumable: false,
          contentType: opts.contentType ?? DEFAULT_CONTENT_TYPE,
          metadata: { metadata: { [SHA256_METADATA]: opts.sha256 } },
        }),
      );
    } catch (err) {
      throw this.#mapError(key, err);
    }
    return this.head(key);
  }

  async head(key: string): Promise<ObjectInfo> {
    validateKey(key);
    try {
      const [m] = await this.#bucket.file(key).getMetadata();
      return objectInfo(key, {
        size: Number(m.size ?? 0),
        metadata: m.metadata ?? undefined,
        contentType: m.contentType,
        lastModified: new Date(m.updated ?? 0),
      });
    } catch (err) {
      throw this.#mapError(key, err);
    }
  }

  async get(key: string, options: { range?: ByteRange } = {}): Promise<GetResult> {
    // The metadata read gives size and sha256, and a typed NotFound before any bytes flow.
    const info = await this.head(key);
    const file = this.#bucket.file(key);
    if (options.range) {
      const range = resolveRange(key, options.range, info.size);
      return { body: file.createReadStream({ ...range, validation: false }), info, range };
    }
    return { body: file.createReadStream(), info };
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    await deleteIfPresent(
      () => this.#bucket.file(key).delete({ ignoreNotFound: true }),
      (err) => this.#mapError(key, err),
    );
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    validatePrefix(prefix);
    let pageToken: string | undefined;
    do {
      let files: File[];
      let next: { pageToken?: string } | null | undefined;
      try {
        const res = await this.#bucket.getFiles({
          prefix,
          autoPaginate: false,
          maxResults: PAGE_SIZE,
          ...(pageToken ? { pageToken } : {}),
        });
        files = res[0];
        next = res[1] as { pageToken?: string } | null | undefined;
      } catch (err) {
        throw this.#mapError(prefix, err);
      }
      for (const f of files) {
        yield {
          key: f.name,
          size: Number(f.metadata.size ?? 0),
          lastModified: new Date(f.metadata.updated ?? 0),
        };
      }
      pageToken = next?.pageToken;
    } while (pageToken);
  }

  /** A V4 signed URL; needs a service-account key (config `credentials`) or ADC that can sign. */
  async signedUrl(key: string, options?: SignedUrlOptions): Promise<string> {
    validateKey(key);
    const seconds = signedUrlSeconds(options);
    if (!this.#signing) {
      throw new UnsupportedOperationError(
        "gcs: signedUrl needs service-account `credentials` with a custom apiEndpoint",
      );
    }
    const [url] = await this.#bucket.file(key).getSignedUrl({
      version: "v4",
      action: options?.method === "PUT" ? "write" : "read",
      expires: Date.now() + seconds * 1000,
    });
    return url;
  }

  async healthCheck(): Promise<void> {
    try {
      const [exists] = await this.#bucket.exists();
      if (!exists) throw new Error("missing");
    } catch (err) {
      throw new StorageError("backend", `gcs: bucket "${this.#bucket.name}" not reachable`, { cause: err });
    }
  }
}
