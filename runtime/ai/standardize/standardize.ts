// Checks a document against its type's template and writes the normalized text: canonical section
// headings, ISO dates, "<code> 1,234.56" amounts. Each deviation says what was expected, what was
// found and where, so a reviewer can fix the source document.
import type { DocumentType } from "../document-types.ts";
import { type FoundFormat, findAmounts, findDates } from "./formats.ts";
import { type SectionSpec, TEMPLATES } from "./templates.ts";

export type DeviationKind =
  | "missing_section"
  | "section_order"
  | "date_format"
  | "invalid_date"
  | "amount_format";

export interface Deviation {
  kind: DeviationKind;
  message: string;
  section?: string;
  location?: { start: number; end: number };
  found?: string;
  expected?: string;
}

export interface StandardizationResult {
  type: DocumentType;
  template_version: string;
  /** 100 minus deductions per deviation, at least 0. */
  score: number;
  conforms: boolean;
  sections: { id: string; title: string; start: number }[];
  deviations: Deviation[];
  normalized_text: string;
}

const WEIGHT: Record<DeviationKind, number> = {
  missing_section: 15,
  section_order: 10,
  invalid_date: 10,
  date_format: 2,
  amount_format: 2,
};

const key = (s: string) =>
  s
    .toLowerCase()
    .replace(/^\s*(?:(?:section|article|part)\s+)?(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+)?\s*[.):-]?\s*/, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

interface Heading {
  spec: SectionSpec;
  start: number;
  end: number;
}

function findHeadings(text: string, sections: readonly SectionSpec[]): Heading[] {
  const names = new Map<string, SectionSpec>();
  for (const s of sections) for (const n of [s.title, ...(s.aliases ?? [])]) names.set(key(n), s);
  const found: Heading[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    // Headings are short lines; a long line that happens to start with "Interest" is prose.
    if (trimmed.length > 0 && trimmed.length <= 80) {
      const spec = names.get(key(trimmed));
      if (spec && !seen.has(spec.id)) {
        seen.add(spec.id);
        found.push({ spec, start: offset, end: offset + line.length });
      }
    }
    offset += line.length + 1;
  }
  return found;
}

export function standardize(
  text: string,
  type: DocumentType,
  { dayFirst = true }: { dayFirst?: boolean } = {},
): StandardizationResult {
  const template = TEMPLATES[type];
  const headings = findHeadings(text, template.sections);
  const deviations: Deviation[] = [];
  const present = new Set(headings.map((h) => h.spec.id));
  for (const s of template.sections) {
    if ((s.required ?? true) && !present.has(s.id)) {
      deviations.push({
        kind: "missing_section",
        section: s.id,
        message: `required section "${s.title}" is missing`,
        expected: s.title,
      });
    }
  }
  // Out of order: a section appearing after one the template puts later.
  const order = new Map(template.sections.map((s, i) => [s.id, i]));
  let latest = -1;
  for (const h of headings) {
    const i = order.get(h.spec.id) ?? 0;
    if (i < latest) {
      const after = template.sections[latest]?.title ?? "";
      deviations.push({
        kind: "section_order",
        section: h.spec.id,
        message: `section "${h.spec.title}" comes after "${after}"; the template puts it before`,
        location: { start: h.start, end: h.end },
      });
    }
    latest = Math.max(latest, i);
  }
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const h of headings) {
    const original = text.slice(h.start, h.end).trim();
    if (original !== h.spec.title) replacements.push({ start: h.start, end: h.end, text: h.spec.title });
  }
  const formats: FoundFormat[] = [...findDates(text, { dayFirst }), ...findAmounts(text)];
  for (const f of formats) {
    if (f.normalized === undefined) {
      deviations.push({
        kind: "invalid_date",
        message: `"${f.text}" is not a valid date`,
        location: { start: f.start, end: f.end },
        found: f.text,
      });
    } else if (f.normalized !== f.text) {
      deviations.push({
        kind: f.kind === "date" ? "date_format" : "amount_format",
        message: `${f.kind} "${f.text}" should be written "${f.normalized}"`,
        location: { start: f.start, end: f.end },
        found: f.text,
        expected: f.normalized,
      });
      replacements.push({ start: f.start, end: f.end, text: f.normalized });
    }
  }
  let normalized = text;
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    normalized = normalized.slice(0, r.start) + r.text + normalized.slice(r.end);
  }
  const score = Math.max(0, 100 - deviations.reduce((sum, d) => sum + WEIGHT[d.kind], 0));
  return {
    type,
    template_version: template.version,
    score,
    conforms: !deviations.some(
      (d) => d.kind === "missing_section" || d.kind === "section_order" || d.kind === "invalid_date",
    ),
    sections: headings.map((h) => ({ id: h.spec.id, title: h.spec.title, start: h.start })),
    deviations,
    normalized_text: normalized,
  };
}
