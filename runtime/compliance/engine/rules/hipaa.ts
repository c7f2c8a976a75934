// HIPAA Security and Privacy Rules: protected health information stays in restricted places,
// carries only the identifiers it needs, and its access is logged and time-limited.
import {
  addYears,
  entitiesOf,
  FINANCIAL_ID_TYPES,
  healthEvidence,
  isoDay,
  isRestricted,
  labels,
  NATIONAL_ID_TYPES,
  openEndedShares,
  retentionEnd,
} from "../signals.ts";
import type { ComplianceSubject } from "../subject.ts";
import { ruleSet } from "./define.ts";

/** §164.316(b)(2)(i): policies, procedures and assessments are kept six years. */
export const HIPAA_DOCUMENTATION_YEARS = 6;

/** Labels of the compliance documentation §164.316 covers. */
const HIPAA_DOCUMENTATION: ReadonlySet<string> = new Set([
  "hipaa-documentation",
  "policy",
  "risk-assessment",
  "business-associate-agreement",
]);

const isPhi = (s: ComplianceSubject) => healthEvidence(s) !== undefined;
const MINIMUM_NECESSARY = new Set([...NATIONAL_ID_TYPES, ...FINANCIAL_ID_TYPES]);

export const hipaa = ruleSet("HIPAA", "45 CFR Parts 160 and 164", "1.0.0", [
  {
    id: "hipaa.restricted-category",
    title: "Health information is in a restricted category",
    severity: "critical",
    reference: "§164.308(a)(4), §164.312(a)(1)",
    remediation:
      'Move the document into a restricted category ("phi", "medical-records" or one named restricted-*) so only authorized workforce can open it.',
    check: (s) => {
      const phi = healthEvidence(s);
      if (!phi || isRestricted(s)) return [];
      return [
        {
          message: `health information (${phi.why}) in category "${s.metadata.category ?? "(none)"}", which is not restricted`,
          ...(phi.location ? { location: phi.location } : {}),
        },
      ];
    },
  },
  {
    id: "hipaa.public-access",
    title: "Health information is not publicly reachable",
    severity: "critical",
    reference: "§164.312(a)(1), §164.502(a)",
    remediation: "Remove the public link; give access only to named members of the workforce.",
    check: (s) =>
      isPhi(s) && s.metadata.access.public
        ? [{ message: "a document holding health information has a public link" }]
        : [],
  },
  {
    id: "hipaa.minimum-necessary",
    title: "Health records carry only the identifiers they need",
    severity: "high",
    reference: "§164.502(b), §164.514(d)",
    remediation:
      "Remove or redact national identifiers and payment numbers that the record's purpose does not need.",
    check: (s) =>
      isPhi(s)
        ? entitiesOf(s, MINIMUM_NECESSARY).map((e) => ({
            message: `${e.type} in a document holding health information`,
            location: { start: e.start, end: e.end },
          }))
        : [],
  },
  {
    id: "hipaa.audit-controls",
    title: "Access to health information is logged",
    severity: "high",
    reference: "§164.312(b)",
    remediation: "Turn audit logging back on for this document.",
    check: (s) =>
      isPhi(s) && !s.metadata.auditLogged ? [{ message: "audit logging is off for health information" }] : [],
  },
  {
    id: "hipaa.access-expiry",
    title: "Shares of health information expire",
    severity: "medium",
    reference: "§164.308(a)(4)(ii)(C)",
    remediation: "Give every share an expiry so access ends when the need does.",
    check: (s) => {
      const open = isPhi(s) ? openEndedShares(s).length : 0;
      return open > 0 ? [{ message: `${open} share(s) of health information never expire` }] : [];
    },
  },
  {
    id: "hipaa.documentation-retention",
    title: "HIPAA documentation is kept six years",
    severity: "high",
    reference: "§164.316(b)(2)(i)",
    remediation: `Set retain_until to at least ${HIPAA_DOCUMENTATION_YEARS} years after creation.`,
    check: (s) => {
      if (![...labels(s)].some((l) => HIPAA_DOCUMENTATION.has(l))) return [];
      const end = retentionEnd(s);
      const needed = addYears(s.metadata.createdAt, HIPAA_DOCUMENTATION_YEARS);
      if (end && end >= needed) return [];
      return [
        {
          message: `HIPAA documentation retained until ${end ? isoDay(end) : "(not set)"}, ${HIPAA_DOCUMENTATION_YEARS} years (${isoDay(needed)}) required`,
        },
      ];
    },
  },
]);
