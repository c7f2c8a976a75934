// A client for clamd's INSTREAM command (clamd(8)): "zINSTREAM\0", then the bytes in chunks each
// prefixed by its length as a 4-byte big-endian integer, then a zero-length chunk; clamd answers
// one NUL-terminated line ("stream: OK", "stream: <signature> FOUND", "<reason> ERROR").
//
// Written here rather than taken from npm: the maintained client (clamscan) rejects or resolves at
// random when clamd closes a stream at its StreamMaxLength while bytes are still being written
// (kylefarris/clamscan#102). clamd answers and closes with our bytes unread, so its kernel resets
// the connection, and Linux drops an answer that arrived just before the reset unread. So: given
// the scanner's limit (streamMaxBytes), this client stops at the limit itself and never races;
// otherwise it reads whatever answer it can, and a stream cut mid-way by a clamd that still
// answers PING afterwards is reported as refused for its length, not as a scanner outage.
import { connect, type Socket } from "node:net";

export type ClamdAddress = { kind: "tcp"; host: string; port: number } | { kind: "unix"; path: string };

/** `tcp://host:port` or `unix:///path/to/clamd.ctl` (a bare absolute path is a socket too). */
export function parseClamdAddress(
  value: string,
): { val: ClamdAddress; err?: undefined } | { val?: undefined; err: string } {
  const allowed = "tcp://HOST:PORT or unix:///path/to/clamd.sock";
  if (value.startsWith("/")) return { val: { kind: "unix", path: value } };
  if (value.startsWith("unix://")) {
    const path = value.slice("unix://".length);
    return path.startsWith("/") ? { val: { kind: "unix", path } } : { err: `"${value}" is not ${allowed}` };
  }
  const m = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m?.[1] || !(port >= 1 && port <= 65535)) return { err: `"${value}" is not ${allowed}` };
  return { val: { kind: "tcp", host: m[1].replace(/^\[|\]$/g, ""), port } };
}

export function formatClamdAddress(address: ClamdAddress): string {
  return address.kind === "tcp" ? `tcp://${address.host}:${address.port}` : `unix://${address.path}`;
}

export type ScanVerdict = { status: "clean" } | { status: "infected"; signature: string };

/** clamd could not be reached or gave no usable answer: the bytes are unscanned, not clean. */
export class ScannerUnavailableError extends Error {
  override name = "ScannerUnavailableError";
}

/** clamd refused the stream at its StreamMaxLength (or the client's own limit): not scanned. */
export class StreamTooLargeError extends Error {
  override name = "StreamTooLargeError";
  /** The limit in bytes when it is known (the client's configured one). */
  readonly limit: number | undefined;
  constructor(message: string, limit?: number) {
    super(message);
    this.limit = limit;
  }
}

export interface ClamdClientOptions {
  address: ClamdAddress;
  /** Giving up on connecting. @default 2000 */
  connectTimeoutMs?: number;
  /** Giving up when nothing moves (no byte written or read) for this long. @default 30000 */
  idleTimeoutMs?: number;
  /** Largest chunk sent in one frame. @default 65536 */
  chunkBytes?: number;
  /**
   * clamd's StreamMaxLength, when known: a longer stream is refused at that many bytes without
   * waiting for clamd to cut it. @default undefined (clamd's answer decides)
   */
  streamMaxBytes?: number;
}

const SIZE_LIMIT_REPLY = "INSTREAM size limit exceeded. ERROR";
const TOO_LARGE = "the stream is longer than the scanner's StreamMaxLength";

export class ClamdClient {
  readonly address: ClamdAddress;
  readonly #connectTimeoutMs: number;
  readonly #idleTimeoutMs: number;
  readonly #chunkBytes: number;
  readonly streamMaxBytes: number | undefined;

  constructor({
    address,
    connectTimeoutMs = 2000,
    idleTimeoutMs = 30_000,
    chunkBytes = 65_536,
    streamMaxBytes,
  }: ClamdClientOptions) {
    if (!(chunkBytes >= 1 && chunkBytes <= 16 * 1024 * 1024)) {
      throw new Error(`chunkBytes ${chunkBytes} not in [1, 16777216]`);
    }
    if (streamMaxBytes !== undefined && !(Number.isInteger(streamMaxBytes) && streamMaxBytes >= 1)) {
      throw new Error(`streamMaxBytes ${streamMaxBytes} must be a positive integer`);
    }
    this.address = address;
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#chunkBytes = chunkBytes;
    this.streamMaxBytes = streamMaxBytes;
  }

  /** Resolves when clamd answers PONG (its database is loaded and it takes commands). */
  async ping(): Promise<void> {
    const reply = await this.#command("zPING\0");
    if (reply !== "PONG") throw new ScannerUnavailableError(`clamd answered PING with "${reply}"`);
  }

  /** "ClamAV 1.4.6/<db version>/<db date>" */
  version(): Promise<string> {
    return this.#command("zVERSION\0");
  }

  /**
   * Scans the bytes of `source` (a Readable or any async iterable of byte chunks). A source that
   * fails rejects with its own error; clamd unreachable, silent or confused rejects with
   * ScannerUnavailableError; a stream over clamd's StreamMaxLength with StreamTooLargeError.
   */
  async scan(source: AsyncIterable<Uint8Array>): Promise<ScanVerdict> {
    try {
      return verdictOf(await this.#exchange("zINSTREAM\0", source));
    } catch (err) {
      if (!(err instanceof CutMidStream)) throw err;
      // clamd cut the connection while we were still sending. Alive, it refused the stream (its
      // StreamMaxLength; the answer saying so was lost to the reset); gone, it is an outage.
      const alive = await this.ping().then(
        () => true,
        () => false,
      );
      if (!alive) throw new ScannerUnavailableError(err.message);
      throw new StreamTooLargeError(TOO_LARGE);
    }
  }

  #command(command: string): Promise<string> {
    return this.#exchange(command, undefined);
  }

  #exchange(command: string, source: AsyncIterable<Uint8Array> | undefined): Promise<string> {
    const where = formatClamdAddress(this.address);
    return new Promise<string>((resolve, reject) => {
      const socket: Socket =
        this.address.kind === "tcp"
          ? connect({ host: this.address.host, port: this.address.port })
          : connect({ path: this.address.path });
      let reply = "";
      let answered = false;
      let settled = false;
      let sourceError: unknown;
      const progress = { sent: 0 };
      const finish = (err: Error | undefined, value?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        socket.destroy();
        if (err) reject(err);
        else resolve(value ?? "");
      };
      const unavailable = (why: string) => new ScannerUnavailableError(`clamd at ${where}: ${why}`);
      const connectTimer = setTimeout(
        () => finish(unavailable(`no connection within ${this.#connectTimeoutMs} ms`)),
        this.#connectTimeoutMs,
      );
      socket.setTimeout(this.#idleTimeoutMs, () =>
        finish(unavailable(`no progress for ${this.#idleTimeoutMs} ms`)),
      );
      socket.on("data", (chunk: Buffer) => {
        reply += chunk.toString("latin1");
        const end = reply.indexOf("\0");
        if (end >= 0) {
          answered = true;
          finish(undefined, reply.slice(0, end));
        }
      });
      socket.on("end", () => {
        // Without the NUL, a reply cut short is still worth reading (older clamd on some errors).
        if (reply.trim() !== "") finish(undefined, reply.trim());
        else
          finish(
            sourceError instanceof Error
              ? sourceError
              : unavailable("closed the connection without an answer"),
          );
      });
      socket.on("error", (err: NodeJS.ErrnoException) => {
        // A reset after clamd answered and closed (its size limit) is not the news: the answer is.
        if (answered) return;
        const why = `${err.code ?? err.message}`;
        finish(
          source && progress.sent > 0
            ? new CutMidStream(`clamd at ${where}: ${why}`, progress.sent)
            : unavailable(why),
        );
      });
      socket.on("connect", () => {
        clearTimeout(connectTimer);
        socket.write(command);
        if (!source) return;
        this.#send(socket, source, progress, () => answered || settled).then(
          () => {},
          (err: unknown) => {
            if (answered || settled) return;
            if (err instanceof SourceError) {
              sourceError = err.cause;
              finish(err.cause instanceof Error ? err.cause : new Error(String(err.cause)));
            } else if (err instanceof StreamTooLargeError) {
              finish(err);
            }
            // A write error: the socket's own error or end handler settles.
          },
        );
      });
    });
  }

  async #send(
    socket: Socket,
    source: AsyncIterable<Uint8Array>,
    progress: { sent: number },
    stop: () => boolean,
  ): Promise<void> {
    const write = (buf: Uint8Array) =>
      new Promise<void>((resolve, reject) => {
        if (socket.write(buf)) resolve();
        else {
          const onDrain = () => {
            socket.off("close", onClose);
            resolve();
          };
          const onClose = () => {
            socket.off("drain", onDrain);
            reject(new Error("socket closed while writing"));
          };
          socket.once("drain", onDrain);
          socket.once("close", onClose);
        }
      });
    const header = (n: number) => {
      const h = Buffer.alloc(4);
      h.writeUInt32BE(n, 0);
      return h;
    };
    const limit = this.streamMaxBytes;
    try {
      for await (const chunk of source) {
        for (let at = 0; at < chunk.length; at += this.#chunkBytes) {
          if (stop()) return;
          const piece = chunk.subarray(at, at + this.#chunkBytes);
          progress.sent += piece.length;
          if (limit !== undefined && progress.sent > limit) {
            throw new StreamTooLargeError(
              `the stream is longer than the scanner's limit of ${limit} bytes`,
              limit,
            );
          }
          await write(Buffer.concat([header(piece.length), piece]));
        }
      }
    } catch (err) {
      if (err instanceof StreamTooLargeError) throw err;
      if (err instanceof Error && err.message === "socket closed while writing") throw err;
      throw new SourceError(err);
    }
    if (!stop()) await write(header(0));
  }
}

/** The connection broke after bytes were sent and before an answer: see scan(). */
class CutMidStream extends ScannerUnavailableError {
  readonly sent: number;
  constructor(message: string, sent: number) {
    super(message);
    this.sent = sent;
  }
}

class SourceError extends Error {
  constructor(cause: unknown) {
    super("the bytes to scan could not be read", { cause });
  }
}

function verdictOf(reply: string): ScanVerdict {
  if (reply === "stream: OK") return { status: "clean" };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found?.[1]) return { status: "infected", signature: found[1] };
  if (reply === SIZE_LIMIT_REPLY) {
    throw new StreamTooLargeError(TOO_LARGE);
  }
  throw new ScannerUnavailableError(`clamd answered "${reply.slice(0, 200)}"`);
}
