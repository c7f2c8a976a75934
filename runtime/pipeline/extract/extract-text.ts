// Text extraction for the pipeline's first step: plain text out of the formats customers upload.
// Each format goes through a maintained library (unpdf for PDF, mammoth for DOCX, html-to-text for
// HTML); formats without text (images) yield none rather than failing, so later steps still run.
// This is the in-thread part: callers use extractText from ./pool.ts, which runs it in a worker
// thread with memory and time limits, never on the API's event loop. Zip containers are checked
// for decompression bombs (./zip-guard.ts) before their parser sees them.
import { convert } from "html-to-text";
import mammoth from "mammoth";
import { extractText as extractPdfText, getDocumentProxy } from "unpdf";
import { ExtractionLimitError, UnreadableDocumentError } from "./errors.ts";
import { checkZip, DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip-guard.ts";

export interface ExtractedText {
  text: string;
  /** How the text was obtained, for the document's processing record. */
  method: "plain" | "html" | "pdf" | "docx" | "json" | "none";
  /** PDF pages, when known. */
  pages?: number;
  /** The text was cut at `maxChars`. */
  truncated: boolean;
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const HTML = new Set(["text/html", "application/xhtml+xml"]);
const PLAIN = new Set(["text/plain", "text/markdown", "text/csv", "application/xml", "text/xml"]);

export interface ExtractOptions {
  /** Cap on extracted characters (search and NLP need no more). @default 1_000_000 */
  maxChars?: number;
  /** Limits on zip containers (DOCX). */
  zip?: ZipLimits;
}

/** Share of NUL bytes a text type may hold: more is binary content declared as text. */
export const MAX_NUL_SHARE = 0.01;

/** The media type without parameters, lowercased (`text/plain; charset=utf-8` → `text/plain`). */
export function baseType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

export async function extractInThread(
  bytes: Uint8Array,
  contentType: string,
  { maxChars = 1_000_000, zip = DEFAULT_ZIP_LIMITS }: ExtractOptions = {},
): Promise<ExtractedText> {
  const type = baseType(contentType);
  const cap = (text: string, method: ExtractedText["method"], pages?: number): ExtractedText => {
    // PostgreSQL text cannot hold NUL, and the text lands in a column.
    const normalized = text.replace(/\r\n?/g, "\n").replaceAll("\u0000", "");
    return {
      text: normalized.length > maxChars ? normalized.slice(0, maxChars) : normalized,
      method,
      truncated: normalized.length > maxChars,
      ...(pages === undefined ? {} : { pages }),
    };
  };
  if (PLAIN.has(type) || HTML.has(type) || type === "application/json") checkNuls(bytes, type);
  try {
    if (PLAIN.has(type)) return cap(decodeUtf8(bytes), "plain");
    if (HTML.has(type)) {
      return cap(
        convert(decodeUtf8(bytes), {
          wordwrap: false,
          selectors: [{ selector: "a", options: { ignoreHref: true } }],
        }),
        "html",
      );
    }
    if (type === "application/json")
      return cap(jsonStrings(JSON.parse(decodeUtf8(bytes))).join("\n"), "json");
    if (type === "application/pdf") {
      // unpdf hands the buffer to pdf.js, which may detach it: give it a copy.
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { totalPages, text } = await extractPdfText(pdf, { mergePages: true });
      return cap(text, "pdf", totalPages);
    }
    if (type === DOCX) {
      checkZip(bytes, type, zip);
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
      return cap(value, "docx");
    }
  } catch (err) {
    if (err instanceof UnreadableDocumentError) throw err;
    throw new UnreadableDocumentError(type, err);
  }
  return { text: "", method: "none", truncated: false };
}

/** NUL-laden "text" is binary under a text type: refused, naming the limit, instead of mangled. */
function checkNuls(bytes: Uint8Array, type: string): void {
  let nuls = 0;
  for (const b of bytes) if (b === 0) nuls++;
  if (nuls > 0 && nuls > bytes.length * MAX_NUL_SHARE) {
    throw new ExtractionLimitError(
      type,
      "maxNulShare",
      `${nuls} of its ${bytes.length} bytes are NUL; text may hold at most ${MAX_NUL_SHARE * 100}%`,
    );
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  // Not fatal: a stray invalid byte in a text file should not lose the rest of it.
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
}

/** Every string value (and key) of a JSON document, depth-first, so JSON is searchable and scannable. */
function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (typeof value === "number" || typeof value === "boolean") out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  }
  return out;
}
