import { createHash } from "node:crypto";
import { mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalStorageDriver } from "./local.ts";
import { sweepOrphans } from "./sweep.ts";

let root: string;
let driver: LocalStorageDriver;
const body = Buffer.from("x");
const sha = createHash("sha256").update(body).digest("hex");
const old = new Date("2026-01-01T00:00:00Z");

async function put(key: string, mtime: Date = old) {
  await driver.put(key, body, { sha256: sha, size: 1 });
  await utimes(join(root, "data", ...key.split("/")), mtime, mtime);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "wspec-sweep-"));
  driver = new LocalStorageDriver({ root });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("sweepOrphans", () => {
  it("deletes old unreferenced objects only, in batches, and leaves recent and foreign ones", async () => {
    const now = new Date("2026-11-26T08:00:00Z");
    await put("acme/c/2026/01/doc-1/v1");
    await put("acme/c/2026/01/doc-1/v2");
    await put("acme/c/2026/01/doc-2/v1");
    await put("acme/c/2026/11/doc-3/v1", new Date(now.getTime() - 60_000));
    await put("acme/exports/report.csv");
    await put("other/c/2026/01/doc-9/v1");
    const asked: string[][] = [];
    const report = await sweepOrphans({
      driver,
      prefix: "acme/",
      now,
      batchSize: 2,
      referenced: async (keys) => {
        asked.push([...keys]);
        return new Set(keys.filter((k) => k.includes("doc-1/v1")));
      },
    });
    expect(report).toEqual({
      scanned: 5,
      foreign: 1,
      tooRecent: 1,
      referenced: 1,
      deleted: ["acme/c/2026/01/doc-1/v2", "acme/c/2026/01/doc-2/v1"],
    });
    expect(asked.every((b) => b.length <= 2)).toBe(true);
    await expect(driver.head("acme/c/2026/01/doc-2/v1")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.head("acme/c/2026/01/doc-1/v1")).resolves.toBeDefined();
    await expect(driver.head("acme/c/2026/11/doc-3/v1")).resolves.toBeDefined();
    await expect(driver.head("other/c/2026/01/doc-9/v1")).resolves.toBeDefined();
  });

  it("dry run deletes nothing", async () => {
    await put("acme/c/2026/01/doc-1/v1");
    const report = await sweepOrphans({
      driver,
      prefix: "",
      dryRun: true,
      referenced: async () => new Set(),
    });
    expect(report.deleted).toEqual(["acme/c/2026/01/doc-1/v1"]);
    await expect(driver.head("acme/c/2026/01/doc-1/v1")).resolves.toBeDefined();
  });
});
