// The content types a document may have, declared once, and the magic-byte check that catches a
// declared type the bytes contradict (a PDF claiming to be a PNG, a ZIP claiming to be text).
import { ApiError } from "../app/index.ts";

type Signature = "pdf" | "png" | "jpeg" | "zip" | "ole" | "tiff";

/** Allowed content type → extensions (for inferring a type from a file name) and expected signature. */
export const CONTENT_TYPES: Readonly<Record<string, { ext: readonly string[]; signature?: Signature }>> = {
  "application/pdf": { ext: ["pdf"], signature: "pdf" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    ext: ["docx"],
    signature: "zip",
  },
  "application/msword": { ext: ["doc"], signature: "ole" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { ext: ["xlsx"], signature: "zip" },
  "application/vnd.ms-excel": { ext: ["xls"], signature: "ole" },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    ext: ["pptx"],
    signature: "zip",
  },
  "text/plain": { ext: ["txt", "text", "log"] },
  "text/markdown": { ext: ["md", "markdown"] },
  "text/html": { ext: ["html", "htm"] },
  "text/csv": { ext: ["csv"] },
  "application/json": { ext: ["json"] },
  "application/xml": { ext: ["xml"] },
  "text/xml": { ext: [] },
  "image/png": { ext: ["png"], signature: "png" },
  "image/jpeg": { ext: ["jpg", "jpeg"], signature: "jpeg" },
  "image/tiff": { ext: ["tif", "tiff"], signature: "tiff" },
};
export const ALLOWED_CONTENT_TYPES = Object.keys(CONTENT_TYPES);

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 8;

const SIGNATURES: readonly [Signature, readonly number[][]][] = [
  ["pdf", [[0x25, 0x50, 0x44, 0x46, 0x2d]]],
  ["png", [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]],
  ["jpeg", [[0xff, 0xd8, 0xff]]],
  ["zip", [[0x50, 0x4b, 0x03, 0x04]]],
  ["ole", [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]],
  [
    "tiff",
    [
      [0x49, 0x49, 0x2a, 0x00],
      [0x4d, 0x4d, 0x00, 0x2a],
    ],
  ],
];

export function sniff(head: Uint8Array): Signature | undefined {
  for (const [signature, prefixes] of SIGNATURES) {
    if (prefixes.some((p) => p.length <= head.length && p.every((b, i) => head[i] === b))) return signature;
  }
  return undefined;
}

/** `text/plain; charset=utf-8` → `text/plain`. */
export function baseType(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The type a file name's extension implies, if it is an allowed one. */
export function typeFromName(name: string): string | undefined {
  const ext = name.includes(".") ? name.split(".").pop()?.toLowerCase() : undefined;
  if (!ext) return undefined;
  return ALLOWED_CONTENT_TYPES.find((t) => CONTENT_TYPES[t]?.ext.includes(ext));
}

function unsupported(message: string): ApiError {
  return new ApiError({
    code: "UNSUPPORTED_MEDIA_TYPE",
    message,
    details: [{ field: "content_type", message: `allowed: ${ALLOWED_CONTENT_TYPES.join(", ")}` }],
  });
}

/** Refuses a type outside the allow-list (415 naming content_type and listing the allowed ones). */
export function checkAllowed(type: string): void {
  if (!CONTENT_TYPES[type]) {
    throw unsupported(`content type ${JSON.stringify(type || "(none)")} is not allowed`);
  }
}

/** Refuses bytes whose signature contradicts the declared type, in either direction. */
export function checkMagic(type: string, head: Uint8Array): void {
  const expected = CONTENT_TYPES[type]?.signature;
  const actual = sniff(head);
  if (expected === actual) return;
  // zip-based and OLE office files are told apart from each other only by the signature.
  const what = actual ? `the bytes are ${actual}` : `the bytes do not start with a ${expected} signature`;
  throw unsupported(`declared content type ${type} contradicted: ${what}`);
}
