// GDPR: personal data needs a lawful basis, special categories an Article 9 condition, and
// everything a storage limit.
import { healthEvidence, isoDay, personalData, retentionEnd, tagsWithPrefix } from "../signals.ts";
import type { ComplianceSubject } from "../subject.ts";
import { ruleSet } from "./define.ts";

/** Article 6(1)(a)-(f), as tags `lawful-basis-<basis>`. */
export const LAWFUL_BASES = [
  "consent",
  "contract",
  "legal-obligation",
  "vital-interests",
  "public-task",
  "legitimate-interests",
] as const;

/** Article 9(2)(a)-(j), as tags `art9-<condition>`. */
export const ARTICLE_9_CONDITIONS = [
  "explicit-consent",
  "employment",
  "vital-interests",
  "not-for-profit",
  "made-public",
  "legal-claims",
  "substantial-public-interest",
  "health-care",
  "public-health",
  "archiving-research",
] as const;

const SPECIAL_CATEGORY_TERMS =
  /\b(racial origin|ethnic origin|ethnicity|political (?:opinions?|affiliation)|religio(?:n|us beliefs?)|philosophical beliefs?|trade union member(?:ship)?|genetic (?:data|test(?:ing)?)|biometric|sexual orientation|sex life)\b/i;

function specialCategory(
  s: ComplianceSubject,
): { why: string; location?: { start: number; end: number } } | undefined {
  const m = s.content.match(SPECIAL_CATEGORY_TERMS);
  if (m?.index !== undefined)
    return { why: `"${m[0]}"`, location: { start: m.index, end: m.index + m[0].length } };
  return healthEvidence(s);
}

const lawfulBases = (s: ComplianceSubject) =>
  tagsWithPrefix(s, "lawful-basis-").filter((b) => (LAWFUL_BASES as readonly string[]).includes(b));

const CONSENT_ATTRIBUTES = ["consent_reference", "consent_recorded_at"] as const;

export const gdpr = ruleSet("GDPR", "Regulation (EU) 2016/679", "1.0.0", [
  {
    id: "gdpr.lawful-basis",
    title: "Personal data has a lawful basis",
    severity: "high",
    reference: "Art. 6(1)",
    remediation: `Tag the document with its lawful basis: one of ${LAWFUL_BASES.map((b) => `lawful-basis-${b}`).join(", ")}.`,
    check: (s) => {
      const found = personalData(s);
      if (found.length === 0 || lawfulBases(s).length > 0) return [];
      const unknown = tagsWithPrefix(s, "lawful-basis-");
      const first = found[0];
      return [
        {
          message: unknown.length
            ? `lawful-basis tag "${unknown[0]}" is not one of [${LAWFUL_BASES.join(", ")}]`
            : `${found.length} personal data item(s) (${[...new Set(found.map((e) => e.type))].join(", ")}) and no lawful-basis tag`,
          ...(first ? { location: { start: first.start, end: first.end } } : {}),
        },
      ];
    },
  },
  {
    id: "gdpr.special-category",
    title: "Special-category data has an Article 9 condition",
    severity: "critical",
    reference: "Art. 9(1)-(2)",
    remediation: `Tag the document with the Article 9(2) condition that permits processing: one of ${ARTICLE_9_CONDITIONS.map((c) => `art9-${c}`).join(", ")}; otherwise remove the data.`,
    check: (s) => {
      if (personalData(s).length === 0) return [];
      const conditions = tagsWithPrefix(s, "art9-").filter((c) =>
        (ARTICLE_9_CONDITIONS as readonly string[]).includes(c),
      );
      if (conditions.length > 0) return [];
      const hit = specialCategory(s);
      if (!hit) return [];
      return [
        {
          message: `personal data with special-category information (${hit.why}) and no art9- condition tag`,
          ...(hit.location ? { location: hit.location } : {}),
        },
      ];
    },
  },
  {
    id: "gdpr.consent-record",
    title: "Consent as a basis is recorded",
    severity: "medium",
    reference: "Art. 7(1)",
    remediation: `Record the consent in the document's metadata (${CONSENT_ATTRIBUTES.join(" or ")}) so it can be demonstrated.`,
    check: (s) => {
      if (!lawfulBases(s).includes("consent")) return [];
      const recorded = CONSENT_ATTRIBUTES.some((k) => {
        const v = s.metadata.attributes[k];
        return typeof v === "string" && v.trim() !== "";
      });
      return recorded ? [] : [{ message: "lawful basis is consent but no consent record is referenced" }];
    },
  },
  {
    id: "gdpr.storage-limitation",
    title: "Personal data has a retention end",
    severity: "medium",
    reference: "Art. 5(1)(e)",
    remediation: "Set retain_until or file the document in a category with a retention period.",
    check: (s) =>
      personalData(s).length > 0 && retentionEnd(s) === null
        ? [{ message: "personal data is kept with no retention end" }]
        : [],
  },
  {
    id: "gdpr.retention-expired",
    title: "Personal data past its retention is erased",
    severity: "medium",
    reference: "Art. 5(1)(e), Art. 17(1)(a)",
    remediation: "Delete the document, or place it on legal hold if it must be kept for a claim.",
    check: (s, { now }) => {
      const end = retentionEnd(s);
      if (personalData(s).length === 0 || !end || end > now || s.metadata.legalHold) return [];
      return [{ message: `retention ended on ${isoDay(end)} and the document still holds personal data` }];
    },
  },
  {
    id: "gdpr.public-exposure",
    title: "Personal data is not publicly reachable",
    severity: "high",
    reference: "Art. 32(1)(b), Art. 25(2)",
    remediation: "Remove the public link; share with named users instead.",
    check: (s) =>
      personalData(s).length > 0 && s.metadata.access.public
        ? [{ message: "a document holding personal data has a public link" }]
        : [],
  },
]);
