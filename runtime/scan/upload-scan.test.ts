// The upload's decisions for each scanner answer, with a scripted client (the clamd itself is
// exercised in clamd-client.int.test.ts and scan.int.test.ts).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ApiError } from "../app/index.ts";
import { ScannerUnavailableError, type ScanVerdict, StreamTooLargeError } from "./clamd-client.ts";
import { scanUpload, type UploadToScan } from "./upload-scan.ts";

const path = join(mkdtempSync(join(tmpdir(), "wspec-scan-")), "upload");
writeFileSync(path, "some bytes");
const upload = (over: Partial<UploadToScan> = {}): UploadToScan => ({
  tenantId: "t1",
  path,
  size: 10,
  kind: "document",
  ...over,
});

function deps(answer: () => ScanVerdict, opts: { failOpen?: boolean; streamMaxBytes?: number } = {}) {
  const infected: string[] = [];
  let scans = 0;
  return {
    infected,
    scans: () => scans,
    deps: {
      client: {
        streamMaxBytes: opts.streamMaxBytes,
        async scan(source: AsyncIterable<Uint8Array>) {
          scans++;
          for await (const _ of source) {
            // read it all, as clamd would
          }
          return answer();
        },
      },
      failOpen: () => opts.failOpen === true,
      onInfected: async (signature: string) => void infected.push(signature),
      logger: pino({ level: "silent" }),
    },
  };
}

const unavailable = (): ScanVerdict => {
  throw new ScannerUnavailableError("clamd at tcp://127.0.0.1:1: ECONNREFUSED");
};

describe("scanUpload", () => {
  it("goes on with clean bytes", async () => {
    expect(await scanUpload(deps(() => ({ status: "clean" })).deps, upload())).toBe("clean");
  });

  it("records, then refuses infected bytes with 422 naming the signature", async () => {
    const d = deps(() => ({ status: "infected", signature: "Win.Test.EICAR_HDB-1" }));
    const err = await scanUpload(d.deps, upload()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(422);
    expect((err as ApiError).message).toBe(
      "upload refused: the virus scanner found Win.Test.EICAR_HDB-1; nothing was stored",
    );
    expect(d.infected).toEqual(["Win.Test.EICAR_HDB-1"]);
  });

  it("holds a new document (fail closed) and refuses a new version with 503 when the scanner is down", async () => {
    expect(await scanUpload(deps(unavailable).deps, upload())).toBe("pending");
    const err = await scanUpload(deps(unavailable).deps, upload({ kind: "version" })).catch(
      (e: unknown) => e,
    );
    expect((err as ApiError).status).toBe(503);
    expect((err as ApiError).headers).toEqual({ "Retry-After": "30" });
  });

  it("accepts unscanned, document or version, when the profile allows fail open", async () => {
    expect(await scanUpload(deps(unavailable, { failOpen: true }).deps, upload())).toBe("unscanned");
    expect(await scanUpload(deps(unavailable, { failOpen: true }).deps, upload({ kind: "version" }))).toBe(
      "unscanned",
    );
  });

  it("refuses with 413 what the scanner cannot take, before sending when the limit is known", async () => {
    const known = deps(() => ({ status: "clean" }), { streamMaxBytes: 5 });
    const err = await scanUpload(known.deps, upload()).catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(413);
    expect((err as ApiError).details).toEqual([
      { field: "file", message: "at most 5 bytes can be virus-scanned" },
    ]);
    expect(known.scans()).toBe(0);
    const told = deps(() => {
      throw new StreamTooLargeError("the stream is longer than the scanner's StreamMaxLength");
    });
    expect(((await scanUpload(told.deps, upload()).catch((e: unknown) => e)) as ApiError).status).toBe(413);
  });

  it("does not take a failure of its own (the spooled file unreadable) for a scanner outage", async () => {
    const d = deps(() => ({ status: "clean" }));
    await expect(
      scanUpload(d.deps, upload({ path: join(tmpdir(), "wspec-no-such-upload") })),
    ).rejects.toThrow(/ENOENT/);
  });
});
