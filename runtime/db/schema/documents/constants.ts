export const DOCUMENT_STATUSES = ["uploaded", "processing", "ready", "failed"] as const;
