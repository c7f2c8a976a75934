// Local-driver specifics (the shared contract runs in drivers.int.test.ts).
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalStorageDriver } from "./local.ts";
import { IntegrityError, InvalidKeyError, UnsupportedOperationError } from "./storage.ts";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
let root: string;
let driver: LocalStorageDriver;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "wspec-local-"));
  driver = new LocalStorageDriver({ root });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("LocalStorageDriver", () => {
  it("stores objects under root/data with private permissions and leaves no temp files", async () => {
    const body = Buffer.from("hello");
    await driver.put("acme/c/2026/01/d/v1", body, { sha256: sha(body), size: 5 });
    const s = await stat(join(root, "data/acme/c/2026/01/d/v1"));
    expect(s.size).toBe(5);
    expect(s.mode & 0o077).toBe(0);
    expect(await readdir(join(root, "tmp"))).toEqual([]);
  });

  it("a failed put leaves the previous version intact and no temp file", async () => {
    const v1 = Buffer.from("first version");
    const k = "acme/c/2026/01/d/v1";
    await driver.put(k, v1, { sha256: sha(v1), size: v1.length });
    const bad = Readable.from([Buffer.from("corrupt!!!!!!")], { objectMode: false });
    await expect(driver.put(k, bad, { sha256: sha(v1), size: v1.length })).rejects.toBeInstanceOf(
      IntegrityError,
    );
    const got = await driver.get(k);
    const chunks: Buffer[] = [];
    for await (const c of got.body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("first version");
    expect(await readdir(join(root, "tmp"))).toEqual([]);
  });

  it("a stream that errors mid-way stores nothing", async () => {
    const k = "acme/c/2026/01/d/v2";
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error("client went away"));
      },
    });
    await expect(driver.put(k, failing, { sha256: sha(Buffer.alloc(2000)), size: 2000 })).rejects.toThrow(
      "client went away",
    );
    await expect(driver.head(k)).rejects.toMatchObject({ code: "not_found" });
    expect(await readdir(join(root, "tmp"))).toEqual([]);
  });

  it("keys cannot escape the root, whatever the spelling", async () => {
    for (const k of ["..", "../x", "a/../../x", "a/..", "/etc/passwd", "a\\..\\..\\x", "a/\u0000"]) {
      await expect(driver.head(k)).rejects.toBeInstanceOf(InvalidKeyError);
    }
  });

  it("does not follow a planted symlink directory out of the root during listing", async () => {
    const outside = await mkdtemp(join(tmpdir(), "wspec-outside-"));
    const body = Buffer.from("x");
    await driver.put("acme/c/2026/01/d/v1", body, { sha256: sha(body), size: 1 });
    await symlink(outside, join(root, "data/acme/evil"));
    const keys: string[] = [];
    for await (const o of driver.list("acme/")) keys.push(o.key);
    expect(keys).toEqual(["acme/c/2026/01/d/v1"]);
    await rm(outside, { recursive: true, force: true });
  });

  it("signedUrl is unsupported without signing options", async () => {
    await expect(driver.signedUrl("a/b")).rejects.toBeInstanceOf(UnsupportedOperationError);
  });
});
