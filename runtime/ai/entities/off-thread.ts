// Entity extraction in a worker thread, for callers on the API's request path (POST /ai/extract,
// the upload's PII screen). Extraction is linear but not cheap: a megabyte of text costs seconds of
// CPU (names, chrono windows, phone validation), which on the event loop would stall every other
// request of the process. The pipeline worker calls extractEntities directly: it has no requests
// to serve.
import { Worker } from "node:worker_threads";
import { resolveOptions } from "./entities.ts";
import type { Entity, ExtractOptions } from "./types.ts";

export class ExtractionTimeoutError extends Error {
  override name = "ExtractionTimeoutError";
}

interface Pending {
  resolve(entities: Entity[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface Reply {
  id: number;
  entities?: Entity[];
  error?: { name: string; message: string };
}

export interface OffThreadOptions {
  /** A request still running after this long is abandoned and its thread replaced (default 30 s). */
  timeoutMs?: number;
}

/**
 * One worker thread, started on first use and unref'd (it never keeps a process alive). Requests
 * queue on it in order; a request that times out terminates the thread, failing the requests
 * queued behind it, and the next request starts a new one.
 */
export class OffThreadExtractor {
  readonly #timeoutMs: number;
  #worker: Worker | undefined;
  #next = 1;
  readonly #pending = new Map<number, Pending>();

  constructor({ timeoutMs = 30_000 }: OffThreadOptions = {}) {
    if (!(timeoutMs > 0))
      throw new RangeError(`timeoutMs must be a positive number, got ${String(timeoutMs)}`);
    this.#timeoutMs = timeoutMs;
  }

  /** Same result and errors as extractEntities(text, options); bad options throw before any thread work. */
  extract(text: string, options: ExtractOptions = {}): Promise<Entity[]> {
    if (typeof text !== "string") return Promise.reject(new TypeError("text must be a string"));
    try {
      resolveOptions(options);
    } catch (err) {
      return Promise.reject(err);
    }
    const worker = this.#start();
    const id = this.#next++;
    return new Promise<Entity[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(new ExtractionTimeoutError(`entity extraction took longer than ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      timer.unref();
      this.#pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, text, options });
    });
  }

  /** Stops the thread; pending requests fail. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#rejectAll(new Error("entity extractor closed"));
    if (worker) await worker.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL("./extract-worker.ts", import.meta.url));
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      clearTimeout(pending.timer);
      if (reply.error) {
        const error = new Error(reply.error.message);
        error.name = reply.error.name;
        pending.reject(error);
      } else {
        pending.resolve(reply.entities ?? []);
      }
    });
    worker.on("error", (err) => this.#fail(err));
    worker.on("exit", () => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#rejectAll(new Error("entity extraction thread exited"));
    });
    this.#worker = worker;
    return worker;
  }

  #fail(error: Error): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#rejectAll(error);
    void worker?.terminate();
  }

  #rejectAll(error: Error): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(id);
    }
  }
}

let shared: OffThreadExtractor | undefined;

/** extractEntities in the process's shared extraction thread. */
export function extractEntitiesOffThread(text: string, options: ExtractOptions = {}): Promise<Entity[]> {
  shared ??= new OffThreadExtractor();
  return shared.extract(text, options);
}
