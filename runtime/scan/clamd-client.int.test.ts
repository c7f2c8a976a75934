// The INSTREAM client against a real clamd (a private one, so it can be stopped, with a 1 MiB
// StreamMaxLength so the limit is cheap to pass) and the test signature database.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateClamd, startPrivateClamd } from "../../scripts/env/clamd.ts";
import {
  ClamdClient,
  parseClamdAddress,
  ScannerUnavailableError,
  StreamTooLargeError,
} from "./clamd-client.ts";
import { EICAR, HASHED_SAMPLE, MALWARE_MARKER, unofficial } from "./testing.ts";

let clamd: PrivateClamd;
let client: ClamdClient;

beforeAll(async () => {
  clamd = await startPrivateClamd({ streamMaxLength: "1M" });
  const { val, err } = parseClamdAddress(clamd.address);
  if (!val) throw new Error(err);
  client = new ClamdClient({ address: val });
});
afterAll(async () => {
  await clamd?.close();
});

const bytes = (...parts: (Buffer | string)[]) =>
  Readable.from([Buffer.concat(parts.map((p) => Buffer.from(p)))]);

describe("ClamdClient against clamd", () => {
  it("pings and reports its version", async () => {
    await client.ping();
    expect(await client.version()).toMatch(/^ClamAV \d+\.\d+/);
  });

  it("finds EICAR, alone and inside other bytes", async () => {
    expect(await client.scan(bytes(EICAR))).toEqual({
      status: "infected",
      signature: unofficial("Eicar-Test-Signature"),
    });
    expect(await client.scan(bytes("%PDF-1.7 preamble\n", EICAR, "\ntrailer"))).toEqual({
      status: "infected",
      signature: unofficial("Eicar-Test-Signature"),
    });
  });

  it("frames bytes correctly however they are chunked: EICAR sent 7 bytes at a time", async () => {
    const small = new ClamdClient({ address: client.address, chunkBytes: 7 });
    const pieces = Array.from({ length: 50 }, (_, i) => EICAR.subarray(i * 2, i * 2 + 2)).filter(
      (b) => b.length,
    );
    expect(await small.scan(Readable.from(pieces))).toMatchObject({ status: "infected" });
  });

  it("finds the project's body and hash signatures", async () => {
    const padding = Buffer.alloc(300_000, "a");
    expect(await client.scan(bytes(padding, MALWARE_MARKER, padding))).toEqual({
      status: "infected",
      signature: unofficial("Wspec.Test.Marker"),
    });
    expect(await client.scan(bytes(HASHED_SAMPLE))).toEqual({
      status: "infected",
      signature: unofficial("Wspec.Test.HashedSample"),
    });
    // One byte more is another file: hash signatures match exact bytes only.
    expect(await client.scan(bytes(HASHED_SAMPLE, " "))).toEqual({ status: "clean" });
  });

  it("answers clean for ordinary and for zero bytes", async () => {
    expect(await client.scan(bytes("an invoice: total 42.00 EUR\n"))).toEqual({ status: "clean" });
    expect(await client.scan(Readable.from([]))).toEqual({ status: "clean" });
  });

  it("reports a stream over clamd's StreamMaxLength as too large, and keeps working", async () => {
    const chunk = Buffer.alloc(256 * 1024, "b");
    // Several times: clamd's answer and its reset race (see clamd-client.ts); either way it is clear.
    for (let i = 0; i < 5; i++) {
      const big = Readable.from(Array.from({ length: 12 }, () => chunk)); // 3 MiB > 1M
      const err = await client.scan(big).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StreamTooLargeError);
      expect((err as Error).message).toBe("the stream is longer than the scanner's StreamMaxLength");
    }
    expect(await client.scan(bytes(EICAR))).toMatchObject({ status: "infected" });
  });

  it("given clamd's limit, refuses at the limit without racing clamd's reset", async () => {
    const limited = new ClamdClient({ address: client.address, streamMaxBytes: 1024 * 1024 });
    const chunk = Buffer.alloc(256 * 1024, "b");
    for (let i = 0; i < 5; i++) {
      const err = await limited
        .scan(Readable.from(Array.from({ length: 12 }, () => chunk)))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StreamTooLargeError);
      expect((err as StreamTooLargeError).message).toBe(
        "the stream is longer than the scanner's limit of 1048576 bytes",
      );
      expect((err as StreamTooLargeError).limit).toBe(1024 * 1024);
    }
    // Exactly the limit is scanned.
    expect(await limited.scan(Readable.from([Buffer.alloc(1024 * 1024, "c")]))).toEqual({ status: "clean" });
  });

  it("rejects with the source's own error when the bytes cannot be read", async () => {
    async function* broken() {
      yield Buffer.from("first part");
      throw new Error("disk read failed");
    }
    await expect(client.scan(broken())).rejects.toThrow("disk read failed");
    await client.ping();
  });

  it("says the scanner is unavailable while clamd is stopped, and scans again once it is back", async () => {
    await clamd.stop();
    const err = await client.scan(bytes(EICAR)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScannerUnavailableError);
    expect((err as Error).message).toBe(`clamd at ${clamd.address}: ECONNREFUSED`);
    await clamd.start();
    expect(await client.scan(bytes(EICAR))).toMatchObject({ status: "infected" });
  });
});
