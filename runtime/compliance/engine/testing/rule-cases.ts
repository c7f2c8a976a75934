// One passing and at least one failing subject per rule. rules.test.ts walks the rule list, so a
// rule added without cases here fails the suite.
import { type SubjectSpec, years } from "./subjects.ts";

export interface RuleCase {
  pass: SubjectSpec[];
  fail: SubjectSpec[];
}

const PAN = "4111 1111 1111 1111";
const cardDoc = (metadata: SubjectSpec["metadata"] = {}): SubjectSpec => ({
  content: `Customer paid with card ${PAN}, expiry 12/27.`,
  spans: [["credit_card", PAN]],
  metadata: { category: "cardholder-data", retainUntil: years(1), ...metadata },
});
const personDoc = (metadata: SubjectSpec["metadata"] = {}, extra = ""): SubjectSpec => ({
  content: `Contact Jane Roe at jane.roe@example.com about the renewal.${extra}`,
  spans: [
    ["person", "Jane Roe"],
    ["email", "jane.roe@example.com"],
  ],
  metadata: { tags: ["lawful-basis-contract"], retentionDays: 365, ...metadata },
});
const statement = (metadata: SubjectSpec["metadata"] = {}, content?: string): SubjectSpec => ({
  classification: "financial_statement",
  content:
    content ??
    "Consolidated balance sheet and income statement for the year ended December 31, 2025. Revenue 12.4m.",
  metadata: {
    approvals: [{ by: "u-cfo", at: "2026-01-20T10:00:00Z" }],
    retainUntil: years(7),
    ...metadata,
  },
});
const PHI = "Patient was diagnosed with type 2 diabetes, ICD-10: E11.9; treatment plan follows.";
const healthDoc = (
  metadata: SubjectSpec["metadata"] = {},
  spans: SubjectSpec["spans"] = [],
): SubjectSpec => ({
  content: `${PHI} SSN 123-45-6789 on file.`,
  spans,
  metadata: { category: "phi", ...metadata },
});
const confidential = (metadata: SubjectSpec["metadata"] = {}): SubjectSpec => ({
  content: "Board minutes: acquisition target shortlist.",
  metadata: { tags: ["confidential"], retentionDays: 730, ...metadata },
});
const expiring = [{ permission: "read" as const, expiresAt: "2026-07-01T00:00:00Z" }];
const openEnded = [{ permission: "read" as const, expiresAt: null }];

export const RULE_CASES: Record<string, RuleCase> = {
  // PCI DSS
  "pci-dss.pan-unmasked": {
    pass: [
      {
        content: "Card 411111******1111 was charged.",
        spans: [["credit_card", "411111******1111"]],
      },
      { content: "No card data." },
    ],
    fail: [
      cardDoc(),
      { content: `pan=${PAN.replace(/ /g, "")}`, spans: [["credit_card", PAN.replace(/ /g, "")]] },
    ],
  },
  "pci-dss.sensitive-authentication-data": {
    pass: [{ content: "The CVV field was left blank as required." }],
    fail: [
      { content: "Card ending 1111, CVV: 123, approved." },
      { content: "Track: %B4111111111111111^ROE/JANE^2712101" },
      { content: "card verification value 4821" },
    ],
  },
  "pci-dss.pan-restricted": {
    pass: [cardDoc(), cardDoc({ category: "invoices", tags: ["restricted"] })],
    fail: [cardDoc({ category: "invoices" }), cardDoc({ category: null })],
  },
  "pci-dss.pan-public-access": {
    pass: [cardDoc()],
    fail: [cardDoc({ access: { public: true } })],
  },
  "pci-dss.pan-retention": {
    pass: [cardDoc(), cardDoc({ retainUntil: null, retentionDays: 90 })],
    fail: [cardDoc({ retainUntil: null })],
  },
  "pci-dss.pan-access-expiry": {
    pass: [cardDoc({ access: { shares: expiring } })],
    fail: [cardDoc({ access: { shares: [...expiring, ...openEnded] } })],
  },

  // GDPR
  "gdpr.lawful-basis": {
    pass: [personDoc(), { content: "No personal data here." }],
    fail: [personDoc({ tags: [] }), personDoc({ tags: ["lawful-basis-because"] })],
  },
  "gdpr.special-category": {
    pass: [
      personDoc(
        { tags: ["lawful-basis-contract", "art9-employment"] },
        " Religion: recorded for leave planning.",
      ),
      personDoc(),
    ],
    fail: [
      personDoc({}, " Religion: recorded for leave planning."),
      personDoc({}, " The patient was diagnosed with asthma; see the clinical notes."),
    ],
  },
  "gdpr.consent-record": {
    pass: [
      personDoc({ tags: ["lawful-basis-consent"], attributes: { consent_reference: "CR-2291" } }),
      personDoc(),
    ],
    fail: [personDoc({ tags: ["lawful-basis-consent"] })],
  },
  "gdpr.storage-limitation": {
    pass: [personDoc(), personDoc({ retentionDays: null, retainUntil: "2027-01-01T00:00:00Z" })],
    fail: [personDoc({ retentionDays: null })],
  },
  "gdpr.retention-expired": {
    pass: [
      personDoc(),
      personDoc({ retentionDays: null, retainUntil: "2026-03-01T00:00:00Z", legalHold: true }),
    ],
    fail: [personDoc({ retentionDays: null, retainUntil: "2026-03-01T00:00:00Z" })],
  },
  "gdpr.public-exposure": {
    pass: [personDoc()],
    fail: [personDoc({ access: { public: true } })],
  },

  // SOX
  "sox.approval-required": {
    pass: [statement(), { content: "Meeting notes.", classification: "memo" }],
    fail: [
      statement({ approvals: [] }),
      {
        content: "Balance sheet as of March 31, 2026 and statement of cash flows for the quarter.",
        metadata: { retainUntil: years(7) },
      },
    ],
  },
  "sox.approval-current-version": {
    pass: [statement({ version: 2, approvals: [{ by: "u-cfo", at: "2026-02-01T00:00:00Z", version: 2 }] })],
    fail: [statement({ version: 2, approvals: [{ by: "u-cfo", at: "2026-01-20T00:00:00Z", version: 1 }] })],
  },
  "sox.segregation-of-duties": {
    pass: [
      statement(),
      statement({
        approvals: [
          { by: "u-author", at: "2026-01-20T00:00:00Z" },
          { by: "u-controller", at: "2026-01-21T00:00:00Z" },
        ],
      }),
    ],
    fail: [statement({ approvals: [{ by: "u-author", at: "2026-01-20T00:00:00Z" }] })],
  },
  "sox.retention-7-years": {
    pass: [
      statement(),
      statement({ retainUntil: null, retentionDays: 2557 }),
      // The later of the two ends counts: deletion is blocked until both have passed.
      statement({ retainUntil: years(5), retentionDays: 2557 }),
    ],
    fail: [statement({ retainUntil: years(5) }), statement({ retainUntil: null })],
  },
  "sox.reporting-period": {
    pass: [
      statement(),
      statement({ attributes: { fiscal_period: "FY2025" } }, "Balance sheet; income statement."),
    ],
    fail: [statement({}, "Balance sheet and income statement. Revenue 12.4m.")],
  },
  "sox.audit-trail": {
    pass: [statement()],
    fail: [statement({ auditLogged: false })],
  },

  // HIPAA
  "hipaa.restricted-category": {
    pass: [
      healthDoc(),
      healthDoc({ category: "restricted-oncology" }),
      { content: "Quarterly sales figures." },
    ],
    fail: [
      healthDoc({ category: "general" }),
      { content: "Lab result attached.", classification: "lab_result", metadata: { category: "inbox" } },
    ],
  },
  "hipaa.public-access": {
    pass: [healthDoc()],
    fail: [healthDoc({ access: { public: true } })],
  },
  "hipaa.minimum-necessary": {
    pass: [healthDoc(), { content: "SSN 123-45-6789 for payroll.", spans: [["ssn", "123-45-6789"]] }],
    fail: [healthDoc({}, [["ssn", "123-45-6789"]])],
  },
  "hipaa.audit-controls": {
    pass: [healthDoc()],
    fail: [healthDoc({ auditLogged: false })],
  },
  "hipaa.access-expiry": {
    pass: [healthDoc({ access: { shares: expiring } })],
    fail: [healthDoc({ access: { shares: openEnded } })],
  },
  "hipaa.documentation-retention": {
    pass: [
      { classification: "policy", content: "Access control policy.", metadata: { retainUntil: years(6) } },
    ],
    fail: [
      { classification: "policy", content: "Access control policy.", metadata: { retainUntil: years(2) } },
      { content: "Annual risk analysis.", metadata: { tags: ["risk-assessment"] } },
    ],
  },

  // SOC 2
  "soc2.owner-assigned": {
    pass: [
      { content: "x" },
      { content: "x", metadata: { createdBy: null, attributes: { owner: "finance-ops" } } },
    ],
    fail: [{ content: "x", metadata: { createdBy: null } }],
  },
  "soc2.confidential-not-public": {
    pass: [confidential(), { content: "Press release.", metadata: { access: { public: true } } }],
    fail: [confidential({ access: { public: true } })],
  },
  "soc2.access-expiry": {
    pass: [confidential({ access: { shares: expiring } })],
    fail: [confidential({ access: { shares: openEnded } })],
  },
  "soc2.retention-defined": {
    pass: [confidential(), { content: "Cafeteria menu." }],
    fail: [confidential({ retentionDays: null })],
  },
  "soc2.disposal": {
    pass: [
      confidential(),
      confidential({ retentionDays: null, retainUntil: "2026-05-01T00:00:00Z", legalHold: true }),
    ],
    fail: [confidential({ retentionDays: null, retainUntil: "2026-05-01T00:00:00Z" })],
  },
  "soc2.audit-logging": {
    pass: [confidential()],
    fail: [confidential({ auditLogged: false })],
  },
  "soc2.change-approval": {
    pass: [
      {
        classification: "policy",
        content: "Password policy.",
        metadata: { approvals: [{ by: "u-ciso", at: "2026-01-16T00:00:00Z" }] },
      },
    ],
    fail: [
      { classification: "policy", content: "Password policy." },
      {
        classification: "policy",
        content: "Password policy.",
        metadata: { version: 3, approvals: [{ by: "u-ciso", at: "2026-01-16T00:00:00Z", version: 2 }] },
      },
    ],
  },
};
