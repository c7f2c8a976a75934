import { createServer, type Server, type Socket } from "node:net";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ClamdClient, parseClamdAddress, ScannerUnavailableError } from "./clamd-client.ts";

describe("parseClamdAddress", () => {
  it("reads tcp and unix addresses", () => {
    expect(parseClamdAddress("tcp://127.0.0.1:3310").val).toEqual({
      kind: "tcp",
      host: "127.0.0.1",
      port: 3310,
    });
    expect(parseClamdAddress("tcp://[::1]:3310").val).toEqual({ kind: "tcp", host: "::1", port: 3310 });
    expect(parseClamdAddress("unix:///run/clamav/clamd.ctl").val).toEqual({
      kind: "unix",
      path: "/run/clamav/clamd.ctl",
    });
    expect(parseClamdAddress("/run/clamav/clamd.ctl").val).toEqual({
      kind: "unix",
      path: "/run/clamav/clamd.ctl",
    });
  });

  it("names what is allowed when the address is bad", () => {
    for (const bad of [
      "clamd:3310",
      "tcp://host",
      "tcp://host:0",
      "tcp://host:70000",
      "unix://relative",
      "",
    ]) {
      expect(parseClamdAddress(bad).err).toBe(
        `"${bad}" is not tcp://HOST:PORT or unix:///path/to/clamd.sock`,
      );
    }
  });
});

// Servers that misbehave in ways a real clamd does not on demand: silence, a cut connection.
describe("ClamdClient against a misbehaving server", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  const listen = (onSocket: (s: Socket) => void) =>
    new Promise<ClamdClient>((resolve) => {
      server = createServer(onSocket);
      server.listen(0, "127.0.0.1", () => {
        const addr = server?.address();
        const port = addr && typeof addr === "object" ? addr.port : 0;
        resolve(new ClamdClient({ address: { kind: "tcp", host: "127.0.0.1", port }, idleTimeoutMs: 300 }));
      });
    });

  it("gives up on a server that never answers", async () => {
    const client = await listen((s) => s.on("data", () => {}));
    const err = await client.scan(Readable.from([Buffer.from("x")])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScannerUnavailableError);
    expect((err as Error).message).toMatch(/: no progress for 300 ms$/);
  });

  it("treats a connection closed without an answer as unavailable, not clean", async () => {
    const client = await listen((s) => s.once("data", () => s.end()));
    const err = await client.scan(Readable.from([Buffer.from("x")])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScannerUnavailableError);
  });

  it("treats an unknown answer as unavailable", async () => {
    const client = await listen((s) => s.once("data", () => s.end("UNKNOWN COMMAND\0")));
    await expect(client.scan(Readable.from([Buffer.from("x")]))).rejects.toThrow(
      /clamd answered "UNKNOWN COMMAND"$/,
    );
  });
});
