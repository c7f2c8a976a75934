// Azure Blob driver (@azure/storage-blob). Objects up to 256 MiB go up in one Put Blob request
// (atomic, last writer wins under concurrent puts of one key); larger ones as staged blocks
// committed at the end. Either way a body that fails verification is never committed.

import { Readable } from "node:stream";
import {
  type BlobDownloadResponseParsed,
  type BlobGetPropertiesResponse,
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";
import { type BackendProperties, backendError, objectInfo, SHA256_METADATA, sendBody } from "./backend.ts";
import { checkPutOptions, verifiedBody } from "./integrity.ts";
import { validateKey, validatePrefix } from "./object-key.ts";
import {
  type ByteRange,
  DEFAULT_CONTENT_TYPE,
  type GetResult,
  type ListedObject,
  type ObjectInfo,
  type PutOptions,
  RangeNotSatisfiableError,
  resolveRange,
  type SignedUrlOptions,
  type StorageDriver,
  StorageError,
  signedUrlSeconds,
  UnsupportedOperationError,
} from "./storage.ts";

export type AzureDriverOptions = { container: string } & (
  | { connectionString: string }
  | { accountUrl: string; accountName: string; accountKey: string }
);

const BLOCK_SIZE = 8 * 1024 * 1024;
// Put Blob's limit was 256 MiB before service version 2019-12-12; the safe bound everywhere.
const SINGLE_PUT_MAX = 256 * 1024 * 1024;
const CONCURRENCY = 4;

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  details?: { errorCode?: string };
}

export class AzureBlobStorageDriver implements StorageDriver {
  readonly kind = "azure" as const;
  readonly #container: ContainerClient;
  readonly #name: string;

  constructor(options: AzureDriverOptions) {
    this.#name = options.container;
    const service =
      "connectionString" in options
        ? BlobServiceClient.fromConnectionString(options.connectionString)
        : new BlobServiceClient(
            options.accountUrl,
            new StorageSharedKeyCredential(options.accountName, options.accountKey),
          );
    this.#container = service.getContainerClient(options.container);
  }

  #mapError(key: string, err: unknown): Error {
    const e = err as RestErrorLike;
    const code = e.details?.errorCode ?? e.code;
    return backendError(key, err, {
      missingContainer:
        code === "ContainerNotFound" ? `azure: container "${this.#name}" does not exist` : undefined,
      notFound: e.statusCode === 404,
      message: `azure: ${code ?? e.statusCode ?? "error"} on "${key}"`,
    });
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<ObjectInfo> {
    validateKey(key);
    const opts = checkPutOptions(key, options);
    const blob = this.#container.getBlockBlobClient(key);
    const common = {
      blobHTTPHeaders: { blobContentType: opts.contentType ?? DEFAULT_CONTENT_TYPE },
      metadata: { [SHA256_METADATA]: opts.sha256 },
    };
    const stream = verifiedBody(key, body, opts);
    const late = await sendBody(
      stream,
      async (abortSignal) => {
        if (opts.size <= SINGLE_PUT_MAX) {
          // A factory, not the stream: the pipeline must not resend a consumed stream on retry.
          let used = false;
          await blob.upload(
            () => {
              if (used) throw new StorageError("backend", `azure: upload of "${key}" cannot be retried`);
              used = true;
              return stream;
            },
            opts.size,
            { ...common, abortSignal },
          );
        } else {
          // Committing a block list discards other writers' uncommitted blocks: a concurrent put
          // of the same large key fails with InvalidBlockList rather than mixing bodies.
          await blob.uploadStream(stream, BLOCK_SIZE, CONCURRENCY, { ...common, abortSignal });
        }
      },
      (err) => this.#mapError(key, err),
    );
    if (late) throw late;
    return this.head(key);
  }

  async head(key: string): Promise<ObjectInfo> {
    validateKey(key);
    try {
      const p = await this.#container.getBlobClient(key).getProperties();
      return objectInfo(key, azureProperties(p));
    } catch (err) {
      throw this.#mapError(key, err);
    }
  }

  async get(key: string, options: { range?: ByteRange } = {}): Promise<GetResult> {
    validateKey(key);
    const blob = this.#container.getBlobClient(key);
    let served: { start: number; end: number } | undefined;
    try {
      let offset = 0;
      let count: number | undefined;
      if (options.range) {
        // Azure answers 416 without the size; one HEAD gives exact bounds and a typed error.
        const info = await this.head(key);
        served = resolveRange(key, options.range, info.size);
        offset = served.start;
        count = served.end - served.start + 1;
      }
      const res = await blob.download(offset, count);
      const body = res.readableStreamBody;
      if (!body) throw new StorageError("backend", `azure: "${key}" returned no body`);
      let size = res.contentLength ?? 0;
      const total = res.contentRange ? /\/(\d+)$/.exec(res.contentRange) : null;
      if (total) size = Number(total[1]);
      return {
        body: body instanceof Readable ? body : Readable.from(body as AsyncIterable<Buffer>),
        info: objectInfo(key, { ...azureProperties(res), size }),
        ...(served ? { range: served } : {}),
      };
    } catch (err) {
      if (err instanceof RangeNotSatisfiableError) throw err;
      throw this.#mapError(key, err);
    }
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    try {
      await this.#container.getBlobClient(key).deleteIfExists({ deleteSnapshots: "include" });
    } catch (err) {
      throw this.#mapError(key, err);
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    validatePrefix(prefix);
    try {
      for await (const b of this.#container.listBlobsFlat({ prefix })) {
        yield { key: b.name, size: b.properties.contentLength ?? 0, lastModified: b.properties.lastModified };
      }
    } catch (err) {
      throw this.#mapError(prefix, err);
    }
  }

  /** A service SAS URL; needs a shared-key credential (account key or connection string with one). */
  async signedUrl(key: string, options?: SignedUrlOptions): Promise<string> {
    validateKey(key);
    const seconds = signedUrlSeconds(options);
    const blob = this.#container.getBlobClient(key);
    if (!(blob.credential instanceof StorageSharedKeyCredential)) {
      throw new UnsupportedOperationError("azure: signedUrl needs an account key (shared key credential)");
    }
    return blob.generateSasUrl({
      permissions: BlobSASPermissions.parse(options?.method === "PUT" ? "cw" : "r"),
      startsOn: new Date(Date.now() - 60_000),
      expiresOn: new Date(Date.now() + seconds * 1000),
    });
  }

  async healthCheck(): Promise<void> {
    try {
      await this.#container.getProperties();
    } catch (err) {
      throw new StorageError("backend", `azure: container "${this.#name}" not reachable`, { cause: err });
    }
  }
}

// Not a spread: the SDK's download response exposes these through getters on its prototype.
function azureProperties(p: BlobGetPropertiesResponse | BlobDownloadResponseParsed): BackendProperties {
  return {
    size: p.contentLength,
    metadata: p.metadata,
    contentType: p.contentType,
    lastModified: p.lastModified,
  };
}
