// Local filesystem driver. Layout under the root:
//   data/<key>          object bytes
//   meta/<key>.json     {sha256, size, contentType} written at put time
//   tmp/<uuid>          uploads in progress (same filesystem, so rename is atomic)
// A put writes and fsyncs a temp file, verifies it, then renames it into place and fsyncs the
// directory: readers see the whole old object or the whole new one, never a partial write.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { access, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { checkPutOptions, verifiedBody } from "./integrity.ts";
import { validateKey, validatePrefix } from "./object-key.ts";
import {
  type ByteRange,
  DEFAULT_CONTENT_TYPE,
  type GetResult,
  InvalidKeyError,
  type ListedObject,
  type ObjectInfo,
  ObjectNotFoundError,
  type PutOptions,
  resolveRange,
  type SignedUrlOptions,
  type StorageDriver,
  signedUrlSeconds,
  UnsupportedOperationError,
} from "./storage.ts";

export interface LocalDriverOptions {
  /** Absolute directory that holds every object; created if missing. */
  root: string;
  /**
   * Enables signedUrl(): URLs `${baseUrl}/${key}?method&expires&signature` signed with HMAC-SHA256
   * over `secret`, checked by the runtime route that serves them with verifyLocalSignedUrl().
   */
  signing?: { baseUrl: string; secret: string };
}

interface MetaFile {
  sha256: string;
  size: number;
  contentType: string;
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === code;
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a small file atomically (temp + fsync + rename). */
async function writeAtomic(tmpDir: string, target: string, data: string): Promise<void> {
  const tmp = join(tmpDir, `${randomUUID()}.tmp`);
  await writeFile(tmp, data, { flag: "wx", mode: 0o600 });
  await fsyncPath(tmp);
  await mkdir(dirname(target), { recursive: true });
  await rename(tmp, target);
}

function signature(secret: string, method: string, key: string, expires: number): string {
  return createHmac("sha256", secret).update(`${method}\n${key}\n${expires}`).digest("hex");
}

/** Checks a local signed URL's parameters; true only for a matching, unexpired signature. */
export function verifyLocalSignedUrl(
  secret: string,
  params: { method: string; key: string; expires: number; signature: string },
  now: Date = new Date(),
): boolean {
  if (!Number.isInteger(params.expires) || params.expires * 1000 < now.getTime()) return false;
  const expected = Buffer.from(signature(secret, params.method, params.key, params.expires), "hex");
  const given = Buffer.from(params.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class LocalStorageDriver implements StorageDriver {
  readonly kind = "local" as const;
  readonly #root: string;
  readonly #data: string;
  readonly #meta: string;
  readonly #tmp: string;
  readonly #signing: LocalDriverOptions["signing"];

  constructor(options: LocalDriverOptions) {
    if (!options.root) throw new Error("local storage: root is required");
    this.#root = resolve(options.root);
    this.#data = join(this.#root, "data");
    this.#meta = join(this.#root, "meta");
    this.#tmp = join(this.#root, "tmp");
    this.#signing = options.signing;
  }

  /** Resolves a validated key under a base directory; a second guard besides key validation. */
  #path(base: string, key: string, suffix = ""): string {
    const segments = validateKey(key);
    const path = join(base, ...segments) + suffix;
    const rel = relative(base, path);
    if (rel.startsWith("..") || rel.startsWith(sep) || resolve(base, rel) !== path) {
      throw new InvalidKeyError(`key "${key}" resolves outside the storage root`);
    }
    return path;
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<ObjectInfo> {
    const dataPath = this.#path(this.#data, key);
    const metaPath = this.#path(this.#meta, key, ".json");
    const opts = checkPutOptions(key, options);
    await mkdir(this.#tmp, { recursive: true, mode: 0o700 });
    const tmp = join(this.#tmp, `${randomUUID()}.part`);
    try {
      await pipeline(verifiedBody(key, body, opts), createWriteStream(tmp, { flags: "wx", mode: 0o600 }));
      await fsyncPath(tmp);
      const meta: MetaFile = {
        sha256: opts.sha256,
        size: opts.size,
        contentType: opts.contentType ?? DEFAULT_CONTENT_TYPE,
      };
      await writeAtomic(this.#tmp, metaPath, JSON.stringify(meta));
      await mkdir(dirname(dataPath), { recursive: true });
      await rename(tmp, dataPath);
      await fsyncPath(dirname(dataPath));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return this.head(key);
  }

  async #info(key: string, size: number, mtime: Date): Promise<ObjectInfo> {
    let meta: Partial<MetaFile> = {};
    try {
      meta = JSON.parse(await readFile(this.#path(this.#meta, key, ".json"), "utf8")) as MetaFile;
    } catch (err) {
      if (!isErrno(err, "ENOENT")) throw err;
    }
    return {
      key,
      size,
      sha256: meta.size === size ? meta.sha256 : undefined,
      contentType: meta.contentType ?? DEFAULT_CONTENT_TYPE,
      lastModified: mtime,
    };
  }

  async head(key: string): Promise<ObjectInfo> {
    const path = this.#path(this.#data, key);
    try {
      const s = await stat(path);
      if (!s.isFile()) throw new ObjectNotFoundError(key);
      return await this.#info(key, s.size, s.mtime);
    } catch (err) {
      if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR"))
        throw new ObjectNotFoundError(key, { cause: err });
      throw err;
    }
  }

  async get(key: string, options: { range?: ByteRange } = {}): Promise<GetResult> {
    const path = this.#path(this.#data, key);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, "r");
    } catch (err) {
      if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR") || isErrno(err, "EISDIR")) {
        throw new ObjectNotFoundError(key, { cause: err });
      }
      throw err;
    }
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw new ObjectNotFoundError(key);
      const info = await this.#info(key, s.size, s.mtime);
      if (options.range) {
        const range = resolveRange(key, options.range, s.size);
        return { body: handle.createReadStream({ ...range }), info, range };
      }
      return { body: handle.createReadStream(), info };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(this.#data, key), { force: true });
    await rm(this.#path(this.#meta, key, ".json"), { force: true });
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    validatePrefix(prefix);
    // Start at the deepest directory the prefix names completely.
    const dirPart = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const start = dirPart ? join(this.#data, ...dirPart.split("/")) : this.#data;
    yield* this.#walk(start, dirPart, prefix);
  }

  async *#walk(dir: string, keyDir: string, prefix: string): AsyncGenerator<ListedObject> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR")) return;
      throw err;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = keyDir ? `${keyDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) {
          yield* this.#walk(join(dir, entry.name), key, prefix);
        }
      } else if (entry.isFile() && key.startsWith(prefix)) {
        try {
          const s = await stat(join(dir, entry.name));
          yield { key, size: s.size, lastModified: s.mtime };
        } catch (err) {
          if (!isErrno(err, "ENOENT")) throw err; // deleted while listing
        }
      }
    }
  }

  async signedUrl(key: string, options?: SignedUrlOptions): Promise<string> {
    validateKey(key);
    if (!this.#signing) {
      throw new UnsupportedOperationError(
        "local storage: signedUrl needs the `signing` option (baseUrl, secret)",
      );
    }
    const method = options?.method ?? "GET";
    const expires = Math.floor(Date.now() / 1000) + signedUrlSeconds(options);
    const sig = signature(this.#signing.secret, method, key, expires);
    const base = this.#signing.baseUrl.replace(/\/+$/, "");
    return `${base}/${key}?method=${method}&expires=${expires}&signature=${sig}`;
  }

  async healthCheck(): Promise<void> {
    await mkdir(this.#data, { recursive: true, mode: 0o700 });
    await mkdir(this.#tmp, { recursive: true, mode: 0o700 });
    await access(this.#data, constants.R_OK | constants.W_OK);
    await access(this.#tmp, constants.R_OK | constants.W_OK);
  }
}
