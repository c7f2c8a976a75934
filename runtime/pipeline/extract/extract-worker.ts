// The worker thread's side of the extractor pool (./pool.ts): one job at a time, answered by id.
// Whatever a document does to this thread (runs out of memory, loops) ends the thread, not the
// process that started it.
import { parentPort } from "node:worker_threads";
import { ExtractionLimitError, UnreadableDocumentError } from "./errors.ts";
import { extractInThread } from "./extract-text.ts";
import type { ExtractJob, ExtractReply } from "./protocol.ts";

if (!parentPort) throw new Error("extract-worker.ts runs only as a worker thread");
const port = parentPort;

port.on("message", async (job: ExtractJob) => {
  let reply: ExtractReply;
  try {
    const result = await extractInThread(job.bytes, job.contentType, job.options);
    reply = { id: job.id, ok: true, result };
  } catch (err) {
    reply = { id: job.id, ok: false, error: describe(err) };
  }
  port.postMessage(reply);
});

function describe(err: unknown): Extract<ExtractReply, { ok: false }>["error"] {
  if (err instanceof ExtractionLimitError) {
    return { kind: "limit", contentType: err.contentType, limit: err.limit, message: err.detail };
  }
  if (err instanceof UnreadableDocumentError) {
    const cause = err.cause;
    return {
      kind: "unreadable",
      contentType: err.contentType,
      message: cause instanceof Error ? cause.message : String(cause),
    };
  }
  return { kind: "internal", message: err instanceof Error ? err.message : String(err) };
}
