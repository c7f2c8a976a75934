// The document types the default classifier knows and the standardization templates describe.
// Declared once: the corpus, the model's labels, the templates and the compliance rules use these ids.
export const DOCUMENT_TYPES = [
  "loan_agreement",
  "invoice",
  "bank_statement",
  "kyc_form",
  "nda",
  "audit_report",
  "policy",
  "trade_confirmation",
  "payslip",
  "complaint",
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === "string" && (DOCUMENT_TYPES as readonly string[]).includes(value);
}
