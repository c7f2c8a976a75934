// A stored document's text for the caller: the document must be live and visible to them (404
// otherwise, never revealing that it exists). The text is what the pipeline stored for the current
// version; before the pipeline has run, it is extracted from the stored bytes in memory.
import { and, eq } from "drizzle-orm";
import { ApiError } from "../../app/index.ts";
import type { Principal } from "../../auth/rbac.ts";
import {
  type Document,
  type DocumentAnalysis,
  documentAnalyses,
  documents,
  documentVersions,
} from "../../db/schema/index.ts";
import { refuseUnscanned } from "../../documents/scan-state.ts";
import { liveVisible } from "../../documents/visibility.ts";
import { extractText, UnreadableDocumentError } from "../../pipeline/extract/index.ts";
import type { AiRouteDeps } from "./deps.ts";
import { documentNotFound } from "./errors.ts";

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

export interface DocumentText {
  document: Document;
  version: number;
  analysis: DocumentAnalysis | undefined;
  text: string;
  /** Where the text came from. */
  origin: "analysis" | "document" | "content";
}

export async function loadDocumentText(
  deps: Pick<AiRouteDeps, "databases" | "storage" | "maxDocumentBytes">,
  who: { tenantId: string; principal: Principal; now: Date },
  documentId: string,
  /** original: the document's own words even when the tenant's policy stored a redacted text. */
  opts: { original?: boolean } = {},
): Promise<DocumentText> {
  const found = await deps.databases.withTenant(who.tenantId, async (tx) => {
    const [document] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, documentId), liveVisible(who.principal, who.now)));
    if (!document) throw documentNotFound(documentId);
    // Not virus-scanned yet, or infected: no text of it is served either.
    refuseUnscanned(document);
    const [analysis] = await tx
      .select()
      .from(documentAnalyses)
      .where(
        and(
          eq(documentAnalyses.documentId, documentId),
          eq(documentAnalyses.version, document.currentVersion),
        ),
      );
    const [version] = await tx
      .select()
      .from(documentVersions)
      .where(
        and(
          eq(documentVersions.documentId, documentId),
          eq(documentVersions.version, document.currentVersion),
        ),
      );
    return { document, analysis, version };
  });
  const { document, analysis, version } = found;
  const base = { document, version: document.currentVersion, analysis };
  const stored = analysis?.extraction?.text;
  const redacted = analysis?.extraction?.redacted === true;
  if (typeof stored === "string" && !(redacted && opts.original)) {
    return { ...base, text: stored, origin: "analysis" };
  }
  // documents.extracted_text is the search copy: redacted too under a "redact" policy.
  if (typeof document.extractedText === "string" && !redacted) {
    return { ...base, text: document.extractedText, origin: "document" };
  }
  if (!version) throw documentNotFound(documentId);
  const max = deps.maxDocumentBytes ?? DEFAULT_MAX_BYTES;
  if (version.sizeBytes > max) {
    throw unreadable(
      documentId,
      `the document is ${version.sizeBytes} bytes; text is read from at most ${max}`,
    );
  }
  const { body } = await deps.storage.get(version.storageKey);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  try {
    const { text } = await extractText(Buffer.concat(chunks), version.contentType);
    return { ...base, text, origin: "content" };
  } catch (err) {
    if (err instanceof UnreadableDocumentError) throw unreadable(documentId, err.message);
    throw err;
  }
}

function unreadable(documentId: string, message: string): ApiError {
  return new ApiError({
    code: "UNPROCESSABLE_ENTITY",
    message: `the text of document ${documentId} cannot be read: ${message}`,
    details: [{ field: "document_id", message }],
  });
}
