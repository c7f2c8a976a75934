// The text an AI route works on: the caller's own `text`, or a stored document's (`document_id`),
// never both. Text is capped so one request cannot pin a CPU for long.
import { z } from "@hono/zod-openapi";
import { ApiError, unprocessableField } from "../../app/index.ts";
import type { Principal } from "../../auth/rbac.ts";
import type { AiRouteDeps } from "./deps.ts";
import { type DocumentText, loadDocumentText } from "./document-text.ts";

/** 1 MB of UTF-8. */
export const MAX_TEXT_BYTES = 1_000_000;

export const TextField = z
  .string()
  .min(1, "must be a non-empty string")
  .openapi({ description: `at most ${MAX_TEXT_BYTES} bytes of UTF-8` });

/** 413 naming the field when `text` is over the cap (zod would answer 400; size is not a format error). */
export function checkTextSize(field: string, text: string): void {
  // Byte length is at least the character count: skip the count for obviously small strings.
  if (text.length * 3 <= MAX_TEXT_BYTES) return;
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_TEXT_BYTES) {
    const message = `at most ${MAX_TEXT_BYTES} bytes of UTF-8 allowed, got ${bytes}`;
    throw new ApiError({
      code: "PAYLOAD_TOO_LARGE",
      message: `${field} is too large: ${message}`,
      details: [{ field, message }],
    });
  }
}

export type ResolvedText =
  | { kind: "text"; text: string }
  | ({ kind: "document"; documentId: string } & DocumentText);

/**
 * Exactly one of `text` and `document_id`; 422 naming both when neither or both are given (a
 * rule between two fields the schema leaves optional).
 */
export async function resolveText(
  deps: AiRouteDeps,
  who: { tenantId: string; principal: Principal; now: Date },
  body: { text?: string | undefined; document_id?: string | undefined },
  opts: { original?: boolean } = {},
): Promise<ResolvedText> {
  const hasText = body.text !== undefined;
  const hasDoc = body.document_id !== undefined;
  if (hasText === hasDoc) {
    const message = hasText ? "give text or document_id, not both" : "give text or document_id";
    throw new ApiError({
      code: "UNPROCESSABLE_ENTITY",
      message: `invalid body: ${message}`,
      details: [
        { field: "text", message },
        { field: "document_id", message },
      ],
    });
  }
  if (body.text !== undefined) {
    checkTextSize("text", body.text);
    if (body.text.trim() === "") throw unprocessableField("text", "must contain more than whitespace");
    return { kind: "text", text: body.text };
  }
  const documentId = body.document_id as string;
  const loaded = await loadDocumentText(deps, who, documentId, opts);
  if (loaded.text.trim() === "") {
    throw new ApiError({
      code: "UNPROCESSABLE_ENTITY",
      message: `document ${documentId} has no text`,
      details: [{ field: "document_id", message: "the document's current version has no text" }],
    });
  }
  return { kind: "document", documentId, ...loaded };
}
