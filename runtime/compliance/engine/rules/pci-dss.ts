// PCI DSS: card numbers and sensitive authentication data in documents.
import {
  findInContent,
  fullPans,
  hasTag,
  isRestricted,
  MAX_VISIBLE_PAN_DIGITS,
  openEndedShares,
  retentionEnd,
} from "../signals.ts";
import { ruleSet } from "./define.ts";

/** A verification code given as such, magnetic-stripe track data, or a PIN block. */
const SENSITIVE_AUTH_DATA =
  /\b(?:CVV2?|CVC2?|CID|CAV2|card (?:verification|security) (?:value|code))\b\W{0,3}\d{3,4}\b|%B\d{13,19}\^|;\d{13,19}=\d{4}|\bPIN(?: block)?\b\W{0,3}\d{4,12}\b/i;

export const pciDss = ruleSet("PCI-DSS", "PCI DSS v4.0.1", "1.0.0", [
  {
    id: "pci-dss.pan-unmasked",
    title: "Card numbers are masked",
    severity: "critical",
    reference: "Req. 3.4.1, 3.5.1",
    remediation:
      "Mask the PAN to at most the first six and last four digits, or replace it with a token, and upload the document again.",
    check: (s) =>
      fullPans(s).map((e) => ({
        message: `card number ending ${e.text.replace(/\D/g, "").slice(-4)} is shown with more than ${MAX_VISIBLE_PAN_DIGITS} digits`,
        location: { start: e.start, end: e.end },
      })),
  },
  {
    id: "pci-dss.sensitive-authentication-data",
    title: "No sensitive authentication data is stored",
    severity: "critical",
    reference: "Req. 3.3.1",
    remediation:
      "Remove card verification codes, track data and PIN blocks: they may not be stored after authorization, even encrypted.",
    check: (s) => {
      const hit = findInContent(s, SENSITIVE_AUTH_DATA);
      return hit
        ? [{ message: "sensitive authentication data found in the content", location: hit.location }]
        : [];
    },
  },
  {
    id: "pci-dss.pan-restricted",
    title: "Documents with full card numbers are classified restricted",
    severity: "high",
    reference: "Req. 9.4.2",
    remediation:
      'Move the document into a restricted category (e.g. "cardholder-data") or tag it "restricted" so access is limited.',
    check: (s) =>
      fullPans(s).length > 0 && !isRestricted(s) && !hasTag(s, "cardholder-data")
        ? [
            {
              message: `full card numbers in category "${s.metadata.category ?? "(none)"}", which is not restricted`,
            },
          ]
        : [],
  },
  {
    id: "pci-dss.pan-public-access",
    title: "Cardholder data is not publicly reachable",
    severity: "critical",
    reference: "Req. 7.2.1",
    remediation: "Remove the public link; grant access only to named users who need it.",
    check: (s) =>
      fullPans(s).length > 0 && s.metadata.access.public
        ? [{ message: "a document holding full card numbers has a public link" }]
        : [],
  },
  {
    id: "pci-dss.pan-retention",
    title: "Cardholder data has a disposal date",
    severity: "high",
    reference: "Req. 3.2.1",
    remediation:
      "Set retain_until (or a category retention) so cardholder data is deleted when no longer needed.",
    check: (s) => {
      if (fullPans(s).length === 0) return [];
      const end = retentionEnd(s);
      return end ? [] : [{ message: "cardholder data is kept with no retention end" }];
    },
  },
  {
    id: "pci-dss.pan-access-expiry",
    title: "Access to cardholder data is time-limited",
    severity: "medium",
    reference: "Req. 7.2.4",
    remediation: "Give every share of this document an expiry so access is reviewed and removed.",
    check: (s) => {
      if (fullPans(s).length === 0) return [];
      const open = openEndedShares(s).length;
      return open > 0 ? [{ message: `${open} share(s) of a document with card numbers never expire` }] : [];
    },
  },
]);
