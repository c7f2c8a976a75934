// Every extractor runs here: in a small pool of worker threads (node:worker_threads), each with a
// V8 heap limit (resourceLimits) and a wall-clock limit after which the thread is terminated, so a
// hostile or merely huge document costs one thread and one per-document failure naming the limit,
// never the API's event loop or the process. Heap limits do not cover ArrayBuffers: the input cap
// here and the zip checks (./zip-guard.ts) bound those.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { ExtractionLimitError, UnreadableDocumentError } from "./errors.ts";
import { baseType, type ExtractedText } from "./extract-text.ts";
import type { ExtractReply } from "./protocol.ts";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip-guard.ts";

export interface ExtractorPoolOptions {
  /** Threads. @default the cores, at most 4 */
  size?: number;
  /** Wall-clock time per document; the thread is terminated after it. @default 30_000 */
  timeoutMs?: number;
  /** V8 old-generation heap per thread, in MB. @default 512 */
  maxMemoryMb?: number;
  /** Bytes of one document. @default 100 MiB */
  maxInputBytes?: number;
  /** Limits on zip containers (DOCX). */
  zip?: ZipLimits;
}

export interface RunOptions {
  /** Cap on extracted characters. @default 1_000_000 */
  maxChars?: number;
}

interface Queued {
  bytes: Uint8Array;
  contentType: string;
  maxChars: number;
  resolve(r: ExtractedText): void;
  reject(e: Error): void;
}

const WORKER_URL = new URL("./extract-worker.ts", import.meta.url);

export class ExtractorPool {
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #maxMemoryMb: number;
  readonly #maxInputBytes: number;
  readonly #zip: ZipLimits;
  readonly #workers = new Set<Worker>();
  #idle: Worker[] = [];
  readonly #queue: Queued[] = [];
  #nextId = 1;
  #closed = false;

  constructor({
    size = Math.min(availableParallelism(), 4),
    timeoutMs = 30_000,
    maxMemoryMb = 512,
    maxInputBytes = 100 * 1024 * 1024,
    zip = DEFAULT_ZIP_LIMITS,
  }: ExtractorPoolOptions = {}) {
    for (const [name, v] of Object.entries({ size, timeoutMs, maxMemoryMb, maxInputBytes })) {
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`ExtractorPool: ${name} must be a positive integer, got ${v}`);
    }
    this.#size = size;
    this.#timeoutMs = timeoutMs;
    this.#maxMemoryMb = maxMemoryMb;
    this.#maxInputBytes = maxInputBytes;
    this.#zip = zip;
  }

  /** The document's text, or UnreadableDocumentError / ExtractionLimitError for this document alone. */
  run(
    bytes: Uint8Array,
    contentType: string,
    { maxChars = 1_000_000 }: RunOptions = {},
  ): Promise<ExtractedText> {
    if (this.#closed) return Promise.reject(new Error("the extractor pool is closed"));
    if (bytes.length > this.#maxInputBytes) {
      return Promise.reject(
        new ExtractionLimitError(
          baseType(contentType),
          "maxInputBytes",
          `the document is ${bytes.length} bytes; text is extracted from at most ${this.#maxInputBytes}`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ bytes, contentType, maxChars, resolve, reject });
      this.#pump();
    });
  }

  /** Threads alive now (tests: a failed document's thread is replaced, the pool keeps working). */
  get threads(): number {
    return this.#workers.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const q of this.#queue.splice(0)) q.reject(new Error("the extractor pool is closed"));
    await Promise.all([...this.#workers].map((w) => w.terminate()));
    this.#workers.clear();
    this.#idle = [];
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#workers.size < this.#size ? this.#spawn() : undefined);
      if (!worker) return;
      const job = this.#queue.shift();
      if (job) this.#dispatch(worker, job);
    }
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.#maxMemoryMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    // Always listened to: an unheard 'error' event would take the whole process down.
    worker.on("error", () => {});
    worker.on("exit", () => {
      this.#workers.delete(worker);
      this.#idle = this.#idle.filter((w) => w !== worker);
    });
    worker.unref();
    this.#workers.add(worker);
    return worker;
  }

  #dispatch(worker: Worker, job: Queued): void {
    const id = this.#nextId++;
    const type = baseType(job.contentType);
    let settled = false;
    const finish = (retire: boolean, settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (retire) {
        this.#workers.delete(worker);
        void worker.terminate();
      } else {
        worker.unref();
        this.#idle.push(worker);
      }
      settle();
      this.#pump();
    };
    const onMessage = (reply: ExtractReply) => {
      if (reply.id !== id) return;
      finish(false, () => (reply.ok ? job.resolve(reply.result) : job.reject(fromReply(reply.error))));
    };
    const onError = (err: Error & { code?: string }) =>
      finish(true, () =>
        job.reject(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new ExtractionLimitError(
                type,
                "maxMemoryMb",
                `extraction needs more than the ${this.#maxMemoryMb} MB of memory one document may use (WSPEC_EXTRACT_MAX_MEMORY_MB)`,
              )
            : new Error(`the extraction thread failed: ${err.message}`, { cause: err }),
        ),
      );
    const onExit = (code: number) =>
      finish(true, () => job.reject(new Error(`the extraction thread exited with code ${code}`)));
    const timer = setTimeout(
      () =>
        finish(true, () =>
          job.reject(
            new ExtractionLimitError(
              type,
              "timeoutMs",
              `extraction took longer than the ${this.#timeoutMs} ms one document may take (WSPEC_EXTRACT_TIMEOUT_MS)`,
            ),
          ),
        ),
      this.#timeoutMs,
    );
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.ref();
    // A copy is transferred: the caller's buffer stays whole, and nothing is copied twice.
    const bytes = new Uint8Array(job.bytes);
    worker.postMessage(
      { id, bytes, contentType: job.contentType, options: { maxChars: job.maxChars, zip: this.#zip } },
      [bytes.buffer],
    );
  }
}

function fromReply(error: Extract<ExtractReply, { ok: false }>["error"]): Error {
  switch (error.kind) {
    case "limit":
      return new ExtractionLimitError(error.contentType, error.limit, error.message);
    case "unreadable":
      return new UnreadableDocumentError(error.contentType, new Error(error.message));
    case "internal":
      return new Error(`extraction failed: ${error.message}`);
  }
}

const PoolEnv = z.object({
  WSPEC_EXTRACT_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  WSPEC_EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  WSPEC_EXTRACT_MAX_MEMORY_MB: z.coerce.number().int().min(16).optional(),
});

let shared: ExtractorPool | undefined;

/** The process's pool, configured from WSPEC_EXTRACT_WORKERS, _TIMEOUT_MS and _MAX_MEMORY_MB. */
export function sharedExtractorPool(): ExtractorPool {
  if (!shared) {
    const parsed = PoolEnv.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(
        `extraction settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    const env = parsed.data;
    shared = new ExtractorPool({
      ...(env.WSPEC_EXTRACT_WORKERS ? { size: env.WSPEC_EXTRACT_WORKERS } : {}),
      ...(env.WSPEC_EXTRACT_TIMEOUT_MS ? { timeoutMs: env.WSPEC_EXTRACT_TIMEOUT_MS } : {}),
      ...(env.WSPEC_EXTRACT_MAX_MEMORY_MB ? { maxMemoryMb: env.WSPEC_EXTRACT_MAX_MEMORY_MB } : {}),
    });
  }
  return shared;
}

/** Plain text of a document, extracted in the shared pool's worker threads. */
export function extractText(
  bytes: Uint8Array,
  contentType: string,
  opts: RunOptions = {},
): Promise<ExtractedText> {
  return sharedExtractorPool().run(bytes, contentType, opts);
}
