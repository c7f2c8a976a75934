// The behaviour every StorageDriver must have, as one vitest suite each driver's test runs.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IntegrityError,
  InvalidKeyError,
  ObjectNotFoundError,
  RangeNotSatisfiableError,
  type StorageDriver,
} from "./storage.ts";

export interface ContractTarget {
  driver: StorageDriver;
  /** Removes the bucket/container/root and everything in it. */
  cleanup(): Promise<void>;
  /** Whether signedUrl() works and the URL can be fetched from this process. */
  signedUrl: "fetch" | "unsupported" | "local";
  /**
   * false only for a test server that cannot overwrite one key from parallel requests: moto 5.2.5
   * answers 500 ("I/O operation on closed file" in FakeKey.etag, .wspec/logs/s3.log). The same-key
   * puts then run one after another.
   */
  concurrentOverwrite?: boolean;
}

const MB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A stream that yields `body` in uneven chunks, like a network upload. */
function chunked(body: Buffer, chunk = 64 * 1024 + 7): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < body.length; i += chunk) yield body.subarray(i, i + chunk);
    })(),
    { objectMode: false },
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function storageContract(name: string, setup: () => Promise<ContractTarget>): void {
  describe(`StorageDriver contract: ${name}`, () => {
    let target: ContractTarget;
    let driver: StorageDriver;
    // Every key of this run lives under a unique tenant, so runs never see each other.
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const key = (rest: string) => `${tenant}/${rest}`;

    beforeAll(async () => {
      target = await setup();
      driver = target.driver;
      await driver.healthCheck();
    });
    afterAll(async () => {
      await target?.cleanup();
    });

    it("round-trips a multi-MB random body through streams byte for byte, SHA-256 verified", async () => {
      const body = randomBytes(6 * MB + 12345);
      const k = key("contracts/2026/11/doc-big/v1");
      const put = await driver.put(k, chunked(body), {
        sha256: sha(body),
        size: body.length,
        contentType: "application/pdf",
      });
      expect(put).toMatchObject({
        key: k,
        size: body.length,
        sha256: sha(body),
        contentType: "application/pdf",
      });
      const got = await driver.get(k);
      expect(got.info).toMatchObject({ size: body.length, sha256: sha(body) });
      const back = await readAll(got.body);
      expect(back.length).toBe(body.length);
      expect(sha(back)).toBe(sha(body));
      expect(back.equals(body)).toBe(true);
    });

    it("puts a buffer and heads it with size, sha256, content type and a recent lastModified", async () => {
      const body = Buffer.from("hello wspec\n");
      const k = key("contracts/2026/11/doc-small/v1");
      await driver.put(k, body, { sha256: sha(body), size: body.length });
      const info = await driver.head(k);
      expect(info).toMatchObject({
        key: k,
        size: body.length,
        sha256: sha(body),
        contentType: "application/octet-stream",
      });
      expect(Math.abs(info.lastModified.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    });

    it("serves byte ranges and rejects unsatisfiable ones", async () => {
      const body = randomBytes(100_000);
      const k = key("contracts/2026/11/doc-range/v1");
      await driver.put(k, body, { sha256: sha(body), size: body.length });
      const mid = await driver.get(k, { range: { start: 1000, end: 1999 } });
      expect(mid.range).toEqual({ start: 1000, end: 1999 });
      expect(mid.info.size).toBe(body.length);
      expect((await readAll(mid.body)).equals(body.subarray(1000, 2000))).toBe(true);
      const tail = await driver.get(k, { range: { start: 99_990 } });
      expect(tail.range).toEqual({ start: 99_990, end: 99_999 });
      expect((await readAll(tail.body)).equals(body.subarray(99_990))).toBe(true);
      await expect(driver.get(k, { range: { start: 200_000 } })).rejects.toBeInstanceOf(
        RangeNotSatisfiableError,
      );
    });

    it("an empty object round-trips", async () => {
      const k = key("contracts/2026/11/doc-empty/v1");
      await driver.put(k, Buffer.alloc(0), { sha256: sha(Buffer.alloc(0)), size: 0 });
      expect((await driver.head(k)).size).toBe(0);
      expect((await readAll((await driver.get(k)).body)).length).toBe(0);
    });

    it("lists exactly the objects under a prefix, across pages of directories", async () => {
      const keys = [
        "hr/2026/01/doc-a/v1",
        "hr/2026/01/doc-a/v2",
        "hr/2026/02/doc-b/v1",
        "hrx/2026/02/doc-c/v1",
        "legal/2026/02/doc-d/v1",
      ].map((k) => key(`list/${k}`));
      const body = Buffer.from("x");
      await Promise.all(keys.map((k) => driver.put(k, body, { sha256: sha(body), size: 1 })));
      const hr = await collect(driver.list(key("list/hr/")));
      expect(hr.map((o) => o.key).sort()).toEqual(keys.slice(0, 3));
      expect(hr.every((o) => o.size === 1 && o.lastModified instanceof Date)).toBe(true);
      const partial = await collect(driver.list(key("list/hr")));
      expect(partial.map((o) => o.key).sort()).toEqual(keys.slice(0, 4));
      const all = await collect(driver.list(key("list/")));
      expect(all).toHaveLength(5);
      expect(await collect(driver.list(key("nothing-here/")))).toEqual([]);
    });

    it("delete is idempotent and a deleted key is NotFound", async () => {
      const body = Buffer.from("to delete");
      const k = key("contracts/2026/11/doc-del/v1");
      await driver.put(k, body, { sha256: sha(body), size: body.length });
      await driver.delete(k);
      await driver.delete(k);
      await expect(driver.head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await collect(driver.list(k))).toEqual([]);
    });

    it("a missing key is a typed ObjectNotFoundError from head and get", async () => {
      const k = key("contracts/2026/11/never/v1");
      await expect(driver.head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(driver.get(k)).rejects.toMatchObject({
        name: "ObjectNotFoundError",
        code: "not_found",
        key: k,
      });
    });

    it("a body that does not match its SHA-256 or size is rejected and nothing is stored", async () => {
      const body = randomBytes(300_000);
      const wrongSha = key("contracts/2026/11/doc-bad-sha/v1");
      await expect(
        driver.put(wrongSha, chunked(body), { sha256: sha(Buffer.from("other")), size: body.length }),
      ).rejects.toBeInstanceOf(IntegrityError);
      await expect(driver.head(wrongSha)).rejects.toBeInstanceOf(ObjectNotFoundError);
      const short = key("contracts/2026/11/doc-short/v1");
      await expect(
        driver.put(short, chunked(body.subarray(0, 1000)), { sha256: sha(body), size: body.length }),
      ).rejects.toBeInstanceOf(IntegrityError);
      await expect(driver.head(short)).rejects.toBeInstanceOf(ObjectNotFoundError);
      const long = key("contracts/2026/11/doc-long/v1");
      await expect(driver.put(long, chunked(body), { sha256: sha(body), size: 1000 })).rejects.toBeInstanceOf(
        IntegrityError,
      );
      await expect(driver.head(long)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(driver.put(long, body, { sha256: sha(body), size: body.length - 1 })).rejects.toThrow(
        /size is 300000 bytes, declared 299999/,
      );
    });

    it("concurrent puts of different keys, and of one key, all land intact", async () => {
      const bodies = Array.from({ length: 8 }, () =>
        randomBytes(256 * 1024 + Math.floor(Math.random() * 1000)),
      );
      const keys = bodies.map((_, i) => key(`concurrent/2026/11/doc-${i}/v1`));
      await Promise.all(
        bodies.map((b, i) => driver.put(keys[i] as string, chunked(b), { sha256: sha(b), size: b.length })),
      );
      for (const [i, b] of bodies.entries()) {
        expect(sha(await readAll((await driver.get(keys[i] as string)).body))).toBe(sha(b));
      }
      const same = randomBytes(512 * 1024);
      const k = key("concurrent/2026/11/doc-same/v1");
      const putSame = () => driver.put(k, chunked(same), { sha256: sha(same), size: same.length });
      if (target.concurrentOverwrite === false) {
        for (let i = 0; i < 4; i++) await putSame();
      } else {
        await Promise.all(Array.from({ length: 4 }, putSame));
      }
      const info = await driver.head(k);
      expect(info).toMatchObject({ size: same.length, sha256: sha(same) });
      expect(sha(await readAll((await driver.get(k)).body))).toBe(sha(same));
    });

    it("rejects keys with traversal or illegal characters before any I/O", async () => {
      const body = Buffer.from("x");
      for (const bad of [
        "../escape",
        `${tenant}/../../etc/passwd`,
        `/${tenant}/abs`,
        `${tenant}//x`,
        "a\\b",
        "a/b c",
      ]) {
        await expect(driver.put(bad, body, { sha256: sha(body), size: 1 })).rejects.toBeInstanceOf(
          InvalidKeyError,
        );
        await expect(driver.get(bad)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(driver.delete(bad)).rejects.toBeInstanceOf(InvalidKeyError);
      }
    });

    it("issues an expiring URL where the backend can sign", async () => {
      const body = Buffer.from("signed content");
      const k = key("contracts/2026/11/doc-signed/v1");
      await driver.put(k, body, { sha256: sha(body), size: body.length, contentType: "text/plain" });
      if (target.signedUrl === "unsupported") {
        await expect(driver.signedUrl(k)).rejects.toMatchObject({ code: "unsupported" });
        return;
      }
      const url = await driver.signedUrl(k, { expiresInSeconds: 60 });
      expect(url).toMatch(/^https?:\/\//);
      if (target.signedUrl === "fetch") {
        const res = await fetch(url);
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
      }
      await expect(driver.signedUrl(k, { expiresInSeconds: 8 * 24 * 3600 })).rejects.toThrow(
        /expiresInSeconds/,
      );
    });
  });
}
