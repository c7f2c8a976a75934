import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { isStaleLock, processIsAlive, readStackLocks } from "./stack-locks.ts";

const now = new Date("2026-11-26T10:00:00Z");
const ctx = { hostname: "op-host", now, isAlive: (pid: number) => pid === 42, foreignStaleAfterMs: 60_000 };
const lock = (over: Partial<{ pid: number; hostname: string; takenAt: Date }>) => ({
  file: "/x.json",
  pid: 7,
  hostname: "op-host",
  takenAt: now,
  ...over,
});

describe("isStaleLock", () => {
  it("on this host: stale exactly when the process that took it is gone", () => {
    expect(isStaleLock(lock({ pid: 7 }), ctx)).toBe(true);
    expect(isStaleLock(lock({ pid: 42 }), ctx)).toBe(false);
  });

  it("from another host: stale only once older than the allowed age", () => {
    expect(isStaleLock(lock({ hostname: "other", takenAt: new Date(now.getTime() - 30_000) }), ctx)).toBe(
      false,
    );
    expect(isStaleLock(lock({ hostname: "other", takenAt: new Date(now.getTime() - 61_000) }), ctx)).toBe(
      true,
    );
  });
});

describe("readStackLocks", () => {
  it("reads the engine's lock files of one stack in a file backend", async () => {
    const backend = mkdtempSync(join(tmpdir(), "wspec-locks-"));
    const dir = join(backend, ".pulumi/locks/organization/proj/stk");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "a.json"),
      JSON.stringify({
        pid: 2516,
        username: "root",
        hostname: "vm",
        timestamp: "2026-11-26T06:40:48.772718803Z",
      }),
    );
    writeFileSync(join(dir, "garbage.json"), "not json");
    const locks = await readStackLocks(pathToFileURL(backend).href, "proj", "stk");
    expect(locks).toEqual([
      { file: join(dir, "a.json"), pid: 2516, hostname: "vm", takenAt: expect.any(Date) },
    ]);
    expect(await readStackLocks(pathToFileURL(backend).href, "proj", "none")).toEqual([]);
    expect(await readStackLocks("s3://bucket", "proj", "stk")).toEqual([]);
  });

  it("processIsAlive tells a live pid from a dead one", () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(2 ** 22 + 12345)).toBe(false);
  });
});
