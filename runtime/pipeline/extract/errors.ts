// What extraction answers when a document cannot be turned into text. Both are about the document,
// not the system: retrying the same bytes gives the same answer, so the pipeline does not retry.

/** A document whose bytes cannot be read as its declared type. */
export class UnreadableDocumentError extends Error {
  readonly contentType: string;
  constructor(contentType: string, cause: unknown) {
    super(
      `the document is not readable as ${contentType}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = "UnreadableDocumentError";
    this.contentType = contentType;
  }
}

/** Extraction stopped at one of its limits; `limit` names it (and the setting that raises it). */
export class ExtractionLimitError extends UnreadableDocumentError {
  readonly limit: string;
  readonly detail: string;
  constructor(contentType: string, limit: string, detail: string) {
    super(contentType, new Error(detail));
    this.name = "ExtractionLimitError";
    this.limit = limit;
    this.detail = detail;
  }
}
