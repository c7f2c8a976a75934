// Readings of a subject that several frameworks share: which personal data, card numbers and
// health information it holds, whether it is a financial statement, when its retention ends.
import type { ComplianceSubject, EntitySpan } from "./subject.ts";
import type { Location } from "./types.ts";

/** Spans the extractor is less sure of than this are not treated as evidence. */
export const MIN_ENTITY_CONFIDENCE = 0.5;

/** Entity types (runtime/ai/entities) that identify or relate to a natural person. */
export const PERSONAL_DATA_TYPES: ReadonlySet<string> = new Set([
  "person",
  "email",
  "phone",
  "ssn",
  "iban",
  "credit_card",
  "ip_address",
  "account_number",
  "address",
  "date_of_birth",
  "passport",
  "national_id",
]);

/** Government identifiers that HIPAA's minimum-necessary standard keeps out of health records. */
export const NATIONAL_ID_TYPES: ReadonlySet<string> = new Set(["ssn", "national_id", "passport"]);
export const FINANCIAL_ID_TYPES: ReadonlySet<string> = new Set(["credit_card", "iban", "account_number"]);

/** Labels compared across sources: "Medical Records", "medical_records" and "medical-records" are one. */
export const normalizeLabel = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
const norm = normalizeLabel;

export function labels(s: ComplianceSubject): Set<string> {
  const out = new Set(s.metadata.tags.map(norm));
  if (s.metadata.category) out.add(norm(s.metadata.category));
  if (s.classification) out.add(norm(s.classification));
  return out;
}

export const hasTag = (s: ComplianceSubject, tag: string) => s.metadata.tags.includes(tag);
export const tagsWithPrefix = (s: ComplianceSubject, prefix: string) =>
  s.metadata.tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));

const entityType = (type: string) =>
  type
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

export function entitiesOf(s: ComplianceSubject, types: ReadonlySet<string>): EntitySpan[] {
  return s.entities.filter((e) => e.confidence >= MIN_ENTITY_CONFIDENCE && types.has(entityType(e.type)));
}

export const personalData = (s: ComplianceSubject) => entitiesOf(s, PERSONAL_DATA_TYPES);

const CARD_TYPES: ReadonlySet<string> = new Set(["credit_card"]);

/**
 * Card numbers shown in full. PCI DSS allows at most the first six and last four digits to be
 * displayed, so a span with more than ten visible digits is an unmasked PAN.
 */
export const MAX_VISIBLE_PAN_DIGITS = 10;
export function fullPans(s: ComplianceSubject): EntitySpan[] {
  return entitiesOf(s, CARD_TYPES).filter((e) => e.text.replace(/\D/g, "").length > MAX_VISIBLE_PAN_DIGITS);
}

/** Categories and tags that mark a document as access-restricted. */
export const RESTRICTED_LABELS: ReadonlySet<string> = new Set([
  "restricted",
  "phi",
  "medical-records",
  "health-records",
  "cardholder-data",
]);
export function isRestricted(s: ComplianceSubject): boolean {
  const category = s.metadata.category && norm(s.metadata.category);
  if (category && (RESTRICTED_LABELS.has(category) || category.startsWith("restricted-"))) return true;
  return s.metadata.tags.includes("restricted");
}

/** Sensitive for SOC 2's confidentiality criteria: labelled so, or holding regulated data. */
export function isConfidential(s: ComplianceSubject): boolean {
  return (
    isRestricted(s) ||
    hasTag(s, "confidential") ||
    personalData(s).length > 0 ||
    healthEvidence(s) !== undefined
  );
}

const locate = (m: RegExpMatchArray | null | undefined): Location | undefined =>
  m?.index === undefined ? undefined : { start: m.index, end: m.index + m[0].length };

/** Labels (category, tags, classification) that say a document is a financial statement. */
export const FINANCIAL_STATEMENT_LABELS: ReadonlySet<string> = new Set([
  "financial-statement",
  "financial-statements",
  "annual-report",
  "quarterly-report",
  "10-k",
  "10-q",
  "balance-sheet",
  "income-statement",
  "general-ledger",
  "trial-balance",
]);
const STATEMENT_HEADINGS =
  /\b(balance sheets?|income statements?|statements? of (?:operations|cash flows|financial position|comprehensive income)|(?:stockholders|shareholders)['’]? equity|retained earnings|profit and loss)\b/gi;

/**
 * Several rules ask the same question of one subject; text scans are done once per subject.
 * Subjects are parsed values that the engine never mutates, so caching by identity is safe.
 */
function perSubject<T>(read: (s: ComplianceSubject) => T): (s: ComplianceSubject) => T {
  const cache = new WeakMap<ComplianceSubject, { value: T }>();
  return (s) => {
    const hit = cache.get(s);
    if (hit) return hit.value;
    const value = read(s);
    cache.set(s, { value });
    return value;
  };
}

/** Two distinct statement headings in the text count as much as a label. */
export const isFinancialStatement = perSubject((s): boolean => {
  for (const l of labels(s)) if (FINANCIAL_STATEMENT_LABELS.has(l)) return true;
  const headings = new Set([...s.content.matchAll(STATEMENT_HEADINGS)].map((m) => m[1]?.toLowerCase()));
  return headings.size >= 2;
});

export const HEALTH_LABELS: ReadonlySet<string> = new Set([
  "phi",
  "health",
  "medical-record",
  "medical-records",
  "health-records",
  "patient-record",
  "lab-result",
  "prescription",
  "discharge-summary",
]);
const HEALTH_TERMS =
  /\b(diagnos(?:is|ed|es)|patient|prescri(?:ption|bed)|medications?|treatment plan|medical record|MRN|lab results?|blood pressure|clinical|physician|discharge summary|ICD-10)\b/gi;
const ICD10 = /\b(?:ICD(?:-10)?[:\s]+)([A-TV-Z][0-9][0-9AB](?:\.[0-9A-TV-Z]{1,4})?)\b/i;

/**
 * Where the subject shows health information: a health label (no location), an ICD-10 code given
 * as such, or two distinct health terms (the first one's location). Undefined when none.
 */
export const healthEvidence = perSubject((s): { location?: Location; why: string } | undefined => {
  for (const l of labels(s)) if (HEALTH_LABELS.has(l)) return { why: `labelled "${l}"` };
  const code = s.content.match(ICD10);
  if (code) return { location: locate(code), why: `diagnosis code ${code[1]}` };
  // Stop at the second distinct term: a long record need not be scanned to the end.
  let first: RegExpMatchArray | undefined;
  const distinct = new Set<string>();
  for (const m of s.content.matchAll(HEALTH_TERMS)) {
    first ??= m;
    distinct.add((m[1] ?? "").toLowerCase());
    if (distinct.size >= 2)
      return { location: locate(first), why: `health terms (${[...distinct].join(", ")})` };
  }
  return undefined;
});

/** The first match of `re` in the content, with its location. */
export function findInContent(
  s: ComplianceSubject,
  re: RegExp,
): { text: string; location: Location } | undefined {
  const m = s.content.match(re);
  const location = locate(m);
  return m && location ? { text: m[0], location } : undefined;
}

export function addYears(d: Date, years: number): Date {
  const out = new Date(d);
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

/**
 * When the document may be disposed of: the later of retain_until and the category's retention
 * counted from creation (runtime/documents blocks deletion until both have passed); null if neither.
 */
export function retentionEnd(s: ComplianceSubject): Date | null {
  const { retainUntil, retentionDays, createdAt } = s.metadata;
  const byCategory = retentionDays ? new Date(createdAt.getTime() + retentionDays * 86_400_000) : null;
  if (retainUntil && byCategory) return new Date(Math.max(retainUntil.getTime(), byCategory.getTime()));
  return retainUntil ?? byCategory;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Shares that never end: access that nobody has to review. */
export const openEndedShares = (s: ComplianceSubject) =>
  s.metadata.access.shares.filter((g) => g.expiresAt === null);
