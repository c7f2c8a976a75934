// S3 driver (@aws-sdk/client-s3) for AWS or any S3-compatible endpoint (MinIO, moto, Ceph).
// Integrity twice over: the body is verified as it streams (integrity.ts) and the SHA-256 is sent
// as x-amz-checksum-sha256, so S3 itself rejects a body that changed in transit.

import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
  type ServerSideEncryption,
} from "@aws-sdk/client-s3";
import {
  type BackendProperties,
  backendError,
  deleteIfPresent,
  objectInfo,
  SHA256_METADATA,
  sendBody,
} from "./backend.ts";
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
  type SignedUrlOptions,
  type StorageDriver,
  StorageError,
  signedUrlSeconds,
} from "./storage.ts";

export interface S3DriverOptions {
  bucket: string;
  region: string;
  /** Custom endpoint (MinIO, moto, …); omit for AWS. */
  endpoint?: string;
  /** Path-style addressing (`endpoint/bucket/key`), needed by most S3-compatible servers. */
  forcePathStyle?: boolean;
  /** Static credentials; omit to use the default AWS provider chain (env, profile, IRSA). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Server-side encryption on every put: SSE-S3 ("AES256") or SSE-KMS ("aws:kms", optional key). */
  serverSideEncryption?: { type: "AES256" } | { type: "aws:kms"; kmsKeyId?: string };
  /** Socket idle timeout; a stalled upload or download fails after this. Default 60000. */
  requestTimeoutMs?: number;
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function nameOf(err: unknown): string | undefined {
  return (err as { name?: string }).name;
}

export class S3StorageDriver implements StorageDriver {
  readonly kind = "s3" as const;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #sse: S3DriverOptions["serverSideEncryption"];

  constructor(options: S3DriverOptions) {
    this.#bucket = options.bucket;
    this.#sse = options.serverSideEncryption;
    this.#client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      // A copy: the SDK annotates the credentials object it is given.
      ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
      requestHandler: {
        connectionTimeout: 5_000,
        requestTimeout: options.requestTimeoutMs ?? 60_000,
        throwOnRequestTimeout: true,
      },
    });
  }

  /** Turns SDK errors into storage errors; a missing bucket is a configuration error, not NotFound. */
  #mapError(key: string, err: unknown): Error {
    const name = nameOf(err);
    return backendError(key, err, {
      missingContainer: name === "NoSuchBucket" ? `s3: bucket "${this.#bucket}" does not exist` : undefined,
      notFound: name === "NoSuchKey" || name === "NotFound" || statusOf(err) === 404,
      message: `s3: ${name ?? "error"} on "${key}": ${(err as Error).message}`,
    });
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<ObjectInfo> {
    validateKey(key);
    const opts = checkPutOptions(key, options);
    const stream = verifiedBody(key, body, opts);
    const input: PutObjectCommandInput = {
      Bucket: this.#bucket,
      Key: key,
      Body: stream,
      ContentLength: opts.size,
      ContentType: opts.contentType ?? DEFAULT_CONTENT_TYPE,
      ChecksumSHA256: Buffer.from(opts.sha256, "hex").toString("base64"),
      Metadata: { [SHA256_METADATA]: opts.sha256 },
    };
    if (this.#sse) {
      input.ServerSideEncryption = this.#sse.type as ServerSideEncryption;
      if (this.#sse.type === "aws:kms" && this.#sse.kmsKeyId) input.SSEKMSKeyId = this.#sse.kmsKeyId;
    }
    const mapError = (err: unknown) => this.#mapError(key, err);
    const late = await sendBody(
      stream,
      (abortSignal) => this.#client.send(new PutObjectCommand(input), { abortSignal }),
      mapError,
    );
    if (late) throw mapError(late);
    return this.head(key);
  }

  async head(key: string): Promise<ObjectInfo> {
    validateKey(key);
    try {
      const out = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return objectInfo(key, s3Properties(out));
    } catch (err) {
      throw this.#mapError(key, err);
    }
  }

  async get(key: string, options: { range?: ByteRange } = {}): Promise<GetResult> {
    validateKey(key);
    const range = options.range;
    try {
      const out = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end ?? ""}` } : {}),
        }),
      );
      if (!(out.Body instanceof Readable)) throw new StorageError("backend", `s3: "${key}" returned no body`);
      let size = out.ContentLength ?? 0;
      let served: { start: number; end: number } | undefined;
      const contentRange = out.ContentRange ? /bytes (\d+)-(\d+)\/(\d+)/.exec(out.ContentRange) : null;
      if (contentRange) {
        served = { start: Number(contentRange[1]), end: Number(contentRange[2]) };
        size = Number(contentRange[3]);
      }
      return {
        body: out.Body,
        info: objectInfo(key, { ...s3Properties(out), size }),
        ...(served ? { range: served } : {}),
      };
    } catch (err) {
      if (range && (statusOf(err) === 416 || nameOf(err) === "InvalidRange")) {
        const info = await this.head(key);
        throw new RangeNotSatisfiableError(key, range, info.size);
      }
      throw this.#mapError(key, err);
    }
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    await deleteIfPresent(
      () => this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key })),
      (err) => this.#mapError(key, err),
    );
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    validatePrefix(prefix);
    let token: string | undefined;
    do {
      let out: ListObjectsV2CommandOutput;
      try {
        out = await this.#client.send(
          new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: token }),
        );
      } catch (err) {
        throw this.#mapError(prefix, err);
      }
      for (const o of out.Contents ?? []) {
        if (o.Key) yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * A SigV4 presigned URL, signed locally with the client's own signer (the same thing
   * @aws-sdk/s3-request-presigner does): the command is serialized, then presigned instead of sent.
   */
  async signedUrl(key: string, options?: SignedUrlOptions): Promise<string> {
    validateKey(key);
    const expiresIn = signedUrlSeconds(options);
    const command =
      options?.method === "PUT"
        ? new PutObjectCommand({ Bucket: this.#bucket, Key: key })
        : new GetObjectCommand({ Bucket: this.#bucket, Key: key });
    const signer = (await this.#client.config.signer()) as unknown as {
      presign?: (request: unknown, options: { expiresIn: number }) => Promise<PresignableRequest>;
    };
    if (typeof signer.presign !== "function") {
      throw new StorageError("backend", "s3: this SDK's signer cannot presign");
    }
    const presign = signer.presign.bind(signer);
    let url: string | undefined;
    const stack = (command as unknown as { middlewareStack: MiddlewareStack }).middlewareStack;
    stack.addRelativeTo(
      (_next: unknown) => async (args: { request: PresignableRequest }) => {
        const request = args.request;
        // Only `host` is signed, so the URL works from any client.
        request.headers = { host: request.headers.host ?? request.hostname };
        const signed = await presign(request, { expiresIn });
        url = formatUrl(signed);
        return { output: { $metadata: {} }, response: {} };
      },
      { relation: "after", toMiddleware: "serializerMiddleware", name: "wspecPresign", override: true },
    );
    stack.remove("flexibleChecksumsMiddleware");
    await this.#client.send(command as GetObjectCommand);
    if (!url) throw new StorageError("backend", `s3: presigning "${key}" produced no URL`);
    return url;
  }

  async healthCheck(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
    } catch (err) {
      throw new StorageError("backend", `s3: bucket "${this.#bucket}" not reachable: ${nameOf(err)}`, {
        cause: err,
      });
    }
  }

  /** Releases sockets (tests, shutdown). */
  close(): void {
    this.#client.destroy();
  }
}

function s3Properties(out: {
  ContentLength?: number;
  Metadata?: Record<string, string>;
  ContentType?: string;
  LastModified?: Date;
}): BackendProperties {
  return {
    size: out.ContentLength,
    metadata: out.Metadata,
    contentType: out.ContentType,
    lastModified: out.LastModified,
  };
}

interface PresignableRequest {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
}

interface MiddlewareStack {
  addRelativeTo(middleware: unknown, options: Record<string, unknown>): void;
  remove(name: string): boolean;
}

function formatUrl(r: PresignableRequest): string {
  const port = r.port ? `:${r.port}` : "";
  const query = Object.entries(r.query ?? {})
    .flatMap(([k, v]) =>
      v === null
        ? [encodeURIComponent(k)]
        : (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`),
    )
    .join("&");
  return `${r.protocol}//${r.hostname}${port}${r.path}${query ? `?${query}` : ""}`;
}
