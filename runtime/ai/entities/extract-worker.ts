// The worker-thread side of off-thread.ts: extracts entities for the API process so that a
// megabyte of text (seconds of CPU) never holds the event loop that serves requests.
import { parentPort } from "node:worker_threads";
import { extractEntities } from "./entities.ts";
import type { ExtractOptions } from "./types.ts";

export interface ExtractRequest {
  id: number;
  text: string;
  options: ExtractOptions;
}

parentPort?.on("message", (request: ExtractRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, entities: extractEntities(request.text, request.options) });
  } catch (err) {
    const error =
      err instanceof Error
        ? { name: err.name, message: err.message }
        : { name: "Error", message: String(err) };
    parentPort?.postMessage({ id: request.id, error });
  }
});
