// SOX: financial statements are approved by someone other than their author, for the version
// that is filed, and kept seven years.
import { addYears, findInContent, isFinancialStatement, isoDay, retentionEnd } from "../signals.ts";
import type { ComplianceSubject } from "../subject.ts";
import { ruleSet } from "./define.ts";

/** 17 CFR 210.2-06 (SOX §802): audit and review records are kept seven years. */
export const SOX_RETENTION_YEARS = 7;

/** Approvals that name no version approve the current one. */
const currentApprovals = (s: ComplianceSubject) =>
  s.metadata.approvals.filter((a) => a.version === undefined || a.version === s.metadata.version);

const PERIOD =
  /\b(?:(?:year|quarter|period|(?:three|six|nine|twelve) months)\s+end(?:ed|ing)|as (?:of|at))\s+(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})|\bFY ?\d{2,4}\b|\bQ[1-4] ?\d{4}\b/;

export const sox = ruleSet("SOX", "Sarbanes-Oxley Act of 2002", "1.0.0", [
  {
    id: "sox.approval-required",
    title: "Financial statements are approved",
    severity: "critical",
    reference: "§302, §404",
    remediation: "Have an authorized officer approve the statement before it is filed or distributed.",
    check: (s) =>
      isFinancialStatement(s) && s.metadata.approvals.length === 0
        ? [{ message: "financial statement has no approval" }]
        : [],
  },
  {
    id: "sox.approval-current-version",
    title: "The approval covers the current version",
    severity: "high",
    reference: "§404",
    remediation: "Approve the current version again; approvals of earlier versions do not carry over.",
    check: (s) => {
      const { approvals, version } = s.metadata;
      if (!isFinancialStatement(s) || approvals.length === 0 || currentApprovals(s).length > 0) return [];
      const approved = [...new Set(approvals.map((a) => a.version))].join(", ");
      return [{ message: `approvals cover version(s) ${approved}, the current version is ${version}` }];
    },
  },
  {
    id: "sox.segregation-of-duties",
    title: "The approver is not the author",
    severity: "high",
    reference: "§404 (COSO control activities)",
    remediation: "Have someone other than the author approve the statement.",
    check: (s) => {
      const approvals = currentApprovals(s);
      const author = s.metadata.createdBy;
      if (!isFinancialStatement(s) || approvals.length === 0 || author === null) return [];
      return approvals.every((a) => a.by === author)
        ? [{ message: `the only approval of the current version is by its author (${author})` }]
        : [];
    },
  },
  {
    id: "sox.retention-7-years",
    title: "Financial records are kept seven years",
    severity: "critical",
    reference: "§802; 17 CFR 210.2-06",
    remediation: `Set retain_until to at least ${SOX_RETENTION_YEARS} years after creation, or file the document in a category with a retention of ${SOX_RETENTION_YEARS} years or more.`,
    check: (s) => {
      if (!isFinancialStatement(s)) return [];
      const end = retentionEnd(s);
      const needed = addYears(s.metadata.createdAt, SOX_RETENTION_YEARS);
      if (end && end >= needed) return [];
      return [
        {
          message: end
            ? `retention ends ${isoDay(end)}, before ${isoDay(needed)} (${SOX_RETENTION_YEARS} years after creation)`
            : `no retention is set; ${SOX_RETENTION_YEARS} years (until ${isoDay(needed)}) are required`,
        },
      ];
    },
  },
  {
    id: "sox.reporting-period",
    title: "The reporting period is stated",
    severity: "medium",
    reference: "§302(a)",
    remediation:
      'State the period covered ("for the year ended December 31, 2025") in the text, or set the fiscal_period attribute.',
    check: (s) => {
      if (!isFinancialStatement(s)) return [];
      const attr = s.metadata.attributes.fiscal_period;
      if ((typeof attr === "string" && attr.trim() !== "") || findInContent(s, PERIOD)) return [];
      return [{ message: "the statement names no reporting period" }];
    },
  },
  {
    id: "sox.audit-trail",
    title: "Changes to financial records are logged",
    severity: "high",
    reference: "§404; §802",
    remediation: "Keep audit logging on for financial records so every read and change is traceable.",
    check: (s) =>
      isFinancialStatement(s) && !s.metadata.auditLogged
        ? [{ message: "audit logging is off for a financial statement" }]
        : [],
  },
]);
