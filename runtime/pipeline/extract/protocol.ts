// Messages between the extractor pool and its worker threads.
import type { ExtractedText, ExtractOptions } from "./extract-text.ts";

export interface ExtractJob {
  id: number;
  bytes: Uint8Array;
  contentType: string;
  options: ExtractOptions;
}

export type ExtractReply =
  | { id: number; ok: true; result: ExtractedText }
  | {
      id: number;
      ok: false;
      error:
        | { kind: "limit"; contentType: string; limit: string; message: string }
        | { kind: "unreadable"; contentType: string; message: string }
        | { kind: "internal"; message: string };
    };
