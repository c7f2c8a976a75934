// SOC 2 (Trust Services Criteria): ownership, access, retention, logging and change controls
// read from the document's metadata.
import { isConfidential, isoDay, labels, openEndedShares, retentionEnd } from "../signals.ts";
import { ruleSet } from "./define.ts";

/** Documents that define controls: changing them is a change to the control environment. */
const POLICY_LABELS: ReadonlySet<string> = new Set([
  "policy",
  "procedure",
  "standard",
  "control-description",
]);

export const soc2 = ruleSet("SOC2", "AICPA Trust Services Criteria (2017, revised 2022)", "1.0.0", [
  {
    id: "soc2.owner-assigned",
    title: "Every document has an owner",
    severity: "low",
    reference: "CC1.3, CC6.1",
    remediation: "Record who owns the document (created_by, or the owner attribute).",
    check: (s) => {
      const owner = s.metadata.attributes.owner;
      return s.metadata.createdBy === null && !(typeof owner === "string" && owner.trim() !== "")
        ? [{ message: "the document has no owner" }]
        : [];
    },
  },
  {
    id: "soc2.confidential-not-public",
    title: "Confidential information is not publicly reachable",
    severity: "high",
    reference: "CC6.1, C1.1",
    remediation: "Remove the public link; grant access to named users.",
    check: (s) =>
      isConfidential(s) && s.metadata.access.public
        ? [{ message: "a confidential document has a public link" }]
        : [],
  },
  {
    id: "soc2.access-expiry",
    title: "Access to confidential information is reviewed",
    severity: "medium",
    reference: "CC6.2, CC6.3",
    remediation:
      "Give shares of confidential documents an expiry so access is removed when no longer needed.",
    check: (s) => {
      const open = isConfidential(s) ? openEndedShares(s).length : 0;
      return open > 0 ? [{ message: `${open} share(s) of a confidential document never expire` }] : [];
    },
  },
  {
    id: "soc2.retention-defined",
    title: "Confidential information has a retention end",
    severity: "medium",
    reference: "C1.1",
    remediation: "Set retain_until or file the document in a category with a retention period.",
    check: (s) =>
      isConfidential(s) && retentionEnd(s) === null
        ? [{ message: "a confidential document has no retention end" }]
        : [],
  },
  {
    id: "soc2.disposal",
    title: "Information past its retention is disposed of",
    severity: "low",
    reference: "C1.2",
    remediation: "Delete the document, or place it on legal hold if it must be kept.",
    check: (s, { now }) => {
      const end = retentionEnd(s);
      return end && end <= now && !s.metadata.legalHold
        ? [{ message: `retention ended on ${isoDay(end)} and the document is not on legal hold` }]
        : [];
    },
  },
  {
    id: "soc2.audit-logging",
    title: "Access is logged",
    severity: "high",
    reference: "CC7.2",
    remediation: "Turn audit logging back on so reads and changes are monitored.",
    check: (s) => (s.metadata.auditLogged ? [] : [{ message: "audit logging is off for this document" }]),
  },
  {
    id: "soc2.change-approval",
    title: "Policies are approved before use",
    severity: "medium",
    reference: "CC8.1, CC5.3",
    remediation: "Have the policy approved (an approval of the current version) before it is published.",
    check: (s) => {
      const isPolicy = [...labels(s)].some((l) => POLICY_LABELS.has(l));
      const approved = s.metadata.approvals.some(
        (a) => a.version === undefined || a.version === s.metadata.version,
      );
      return isPolicy && !approved ? [{ message: "the current version of this policy is not approved" }] : [];
    },
  },
]);
