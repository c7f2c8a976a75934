export const DOCUMENT_PERMISSIONS = ["read", "write"] as const;
