// Writes an incoming body to a temporary file while hashing and counting it, so the storage put
// gets its SHA-256 and size up front and the bytes are never held in memory. Stops as soon as the
// body passes the limit (chunked bodies have no Content-Length to check beforehand).
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { open, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ObjectInfo, StorageDriver } from "../../storage/index.ts";
import { SNIFF_BYTES } from "../content-types.ts";
import { tooLarge } from "../errors.ts";

export interface Spooled {
  path: string;
  sha256: string;
  size: number;
  /** The first bytes, for the magic-byte check. */
  head: Uint8Array;
  /** Stores the bytes with the driver; the read stream is closed whatever the driver did with it. */
  putTo(driver: StorageDriver, key: string, contentType: string): Promise<ObjectInfo>;
  remove(): Promise<void>;
}

export async function spool(body: Readable, limit: number, dir = tmpdir()): Promise<Spooled> {
  const path = join(dir, `wspec-upload-${randomUUID()}`);
  const hash = createHash("sha256");
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(tooLarge(limit));
      if (head.length < SNIFF_BYTES)
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const remove = () => unlink(path).catch(() => {});
  try {
    await pipeline(body, meter, createWriteStream(path, { flags: "wx", mode: 0o600 }));
  } catch (err) {
    await remove();
    throw err;
  }
  const digest = hash.digest("hex");
  return {
    path,
    sha256: digest,
    size,
    head,
    async putTo(driver, key, contentType) {
      // Opened here rather than lazily by the stream, so a driver that fails before reading leaves
      // nothing that opens the file after it is removed.
      const handle = await open(path, "r");
      const body = handle.createReadStream({ autoClose: false });
      try {
        return await driver.put(key, body, { sha256: digest, size, contentType });
      } finally {
        body.destroy();
        await handle.close().catch(() => {});
      }
    },
    remove,
  };
}
