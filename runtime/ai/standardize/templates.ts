// Standardization templates, one per document type: the sections a standard document of that type
// has, in order, and the formats its dates and amounts are written in. A section is recognized by
// a heading line matching one of its names (case and punctuation ignored, optional numbering).
import type { DocumentType } from "../document-types.ts";

export interface SectionSpec {
  id: string;
  /** Heading as the normalized text writes it. */
  title: string;
  /** Other headings that mean the same section. */
  aliases?: readonly string[];
  /** @default true */
  required?: boolean;
}

export interface Template {
  type: DocumentType;
  version: string;
  sections: readonly SectionSpec[];
  /** Dates are normalized to ISO 8601 (YYYY-MM-DD). */
  dateFormat: "iso";
  /** Amounts are normalized to "<ISO currency> 1,234.56". */
  amountFormat: "code-grouped-2dp";
}

const t = (type: DocumentType, sections: SectionSpec[]): Template => ({
  type,
  version: "2026-01",
  sections,
  dateFormat: "iso",
  amountFormat: "code-grouped-2dp",
});

export const TEMPLATES: Readonly<Record<DocumentType, Template>> = {
  loan_agreement: t("loan_agreement", [
    { id: "parties", title: "Parties", aliases: ["between", "the parties"] },
    {
      id: "definitions",
      title: "Definitions",
      aliases: ["definitions and interpretation", "interpretation"],
    },
    { id: "facility", title: "Loan Amount", aliases: ["the facility", "facility", "principal", "the loan"] },
    { id: "interest", title: "Interest", aliases: ["interest rate", "interest and fees"] },
    { id: "repayment", title: "Repayment", aliases: ["repayment schedule", "repayment terms"] },
    { id: "default", title: "Events of Default", aliases: ["default", "events of default and remedies"] },
    { id: "governing_law", title: "Governing Law", aliases: ["law and jurisdiction", "jurisdiction"] },
    { id: "signatures", title: "Signatures", aliases: ["execution", "signed"] },
  ]),
  invoice: t("invoice", [
    { id: "header", title: "Invoice Details", aliases: ["invoice", "invoice information"] },
    { id: "bill_to", title: "Bill To", aliases: ["billed to", "customer"] },
    { id: "items", title: "Line Items", aliases: ["items", "description of services", "services"] },
    { id: "totals", title: "Totals", aliases: ["total", "amount due", "summary"] },
    { id: "payment", title: "Payment Terms", aliases: ["payment instructions", "payment"] },
  ]),
  bank_statement: t("bank_statement", [
    { id: "account", title: "Account Information", aliases: ["account details", "account summary"] },
    { id: "period", title: "Statement Period", aliases: ["period"] },
    { id: "opening", title: "Opening Balance", aliases: ["balance brought forward"] },
    { id: "transactions", title: "Transactions", aliases: ["transaction details", "activity"] },
    { id: "closing", title: "Closing Balance", aliases: ["balance carried forward", "ending balance"] },
  ]),
  kyc_form: t("kyc_form", [
    {
      id: "identity",
      title: "Customer Identity",
      aliases: ["personal details", "personal information", "identity"],
    },
    { id: "address", title: "Address", aliases: ["residential address", "proof of address"] },
    { id: "documents", title: "Identification Documents", aliases: ["id documents", "identification"] },
    {
      id: "source_of_funds",
      title: "Source of Funds",
      aliases: ["source of wealth", "source of funds and wealth"],
    },
    { id: "pep", title: "PEP Declaration", aliases: ["politically exposed person", "pep status"] },
    { id: "declaration", title: "Declaration", aliases: ["customer declaration", "signature"] },
  ]),
  nda: t("nda", [
    { id: "parties", title: "Parties", aliases: ["between", "the parties"] },
    {
      id: "confidential_information",
      title: "Confidential Information",
      aliases: ["definition of confidential information"],
    },
    {
      id: "obligations",
      title: "Obligations",
      aliases: ["obligations of the receiving party", "non-disclosure"],
    },
    { id: "exclusions", title: "Exclusions", aliases: ["exceptions"] },
    { id: "term", title: "Term", aliases: ["term and termination", "duration"] },
    { id: "governing_law", title: "Governing Law", aliases: ["law and jurisdiction", "jurisdiction"] },
    { id: "signatures", title: "Signatures", aliases: ["execution", "signed"] },
  ]),
  audit_report: t("audit_report", [
    { id: "scope", title: "Scope", aliases: ["audit scope", "scope and objectives", "objectives"] },
    { id: "methodology", title: "Methodology", aliases: ["approach", "audit approach"] },
    { id: "findings", title: "Findings", aliases: ["observations", "audit findings"] },
    { id: "recommendations", title: "Recommendations", aliases: ["remediation"] },
    { id: "opinion", title: "Opinion", aliases: ["conclusion", "audit opinion"] },
  ]),
  policy: t("policy", [
    { id: "purpose", title: "Purpose", aliases: ["objective", "introduction"] },
    { id: "scope", title: "Scope", aliases: ["applicability"] },
    { id: "policy", title: "Policy Statement", aliases: ["policy", "policy statements"] },
    { id: "responsibilities", title: "Roles and Responsibilities", aliases: ["responsibilities"] },
    {
      id: "review",
      title: "Review",
      aliases: ["review and approval", "document control", "revision history"],
    },
  ]),
  trade_confirmation: t("trade_confirmation", [
    { id: "trade", title: "Trade Details", aliases: ["transaction details", "trade"] },
    { id: "counterparty", title: "Counterparty", aliases: ["counterparties", "parties"] },
    { id: "economics", title: "Economic Terms", aliases: ["price and quantity", "terms"] },
    { id: "settlement", title: "Settlement Instructions", aliases: ["settlement", "settlement details"] },
  ]),
  payslip: t("payslip", [
    { id: "employee", title: "Employee Details", aliases: ["employee", "employee information"] },
    { id: "period", title: "Pay Period", aliases: ["period"] },
    { id: "earnings", title: "Earnings", aliases: ["gross pay", "payments"] },
    { id: "deductions", title: "Deductions", aliases: ["taxes and deductions"] },
    { id: "net_pay", title: "Net Pay", aliases: ["net", "take home pay"] },
  ]),
  complaint: t("complaint", [
    { id: "complainant", title: "Complainant", aliases: ["customer details", "customer"] },
    {
      id: "description",
      title: "Complaint Description",
      aliases: ["description", "details of complaint", "complaint"],
    },
    {
      id: "desired_outcome",
      title: "Desired Outcome",
      aliases: ["resolution requested", "requested resolution"],
      required: false,
    },
    { id: "response", title: "Response", aliases: ["firm response", "our response", "resolution"] },
  ]),
};
