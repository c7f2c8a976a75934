// Text extraction for the pipeline's first step: plain text out of the formats customers upload.
// Each format goes through a maintained library (unpdf for PDF, mammoth for DOCX, html-to-text for
// HTML); formats without text (images) yield none rather than failing, so later steps still run.
import { convert } from "html-to-text";
import mammoth from "mammoth";
import { extractText as extractPdfText, getDocumentProxy } from "unpdf";

export interface ExtractedText {
  text: string;
  /** How the text was obtained, for the document's processing record. */
  method: "plain" | "html" | "pdf" | "docx" | "json" | "none";
  /** PDF pages, when known. */
  pages?: number;
  /** The text was cut at `maxChars`. */
  truncated: boolean;
}

/** A document whose bytes cannot be read as its declared type: not worth retrying. */
export class UnreadableDocumentError extends Error {
  constructor(contentType: string, cause: unknown) {
    super(
      `the document is not readable as ${contentType}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = "UnreadableDocumentError";
  }
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PLAIN = new Set(["text/plain", "text/markdown", "text/csv", "application/xml", "text/xml"]);

export interface ExtractOptions {
  /** Cap on extracted characters (search and NLP need no more). @default 1_000_000 */
  maxChars?: number;
}

/** The media type without parameters, lowercased (`text/plain; charset=utf-8` → `text/plain`). */
export function baseType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

export async function extractText(
  bytes: Uint8Array,
  contentType: string,
  { maxChars = 1_000_000 }: ExtractOptions = {},
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
  try {
    if (PLAIN.has(type)) return cap(decodeUtf8(bytes), "plain");
    if (type === "text/html" || type === "application/xhtml+xml") {
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
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
      return cap(value, "docx");
    }
  } catch (err) {
    throw new UnreadableDocumentError(type, err);
  }
  return { text: "", method: "none", truncated: false };
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
