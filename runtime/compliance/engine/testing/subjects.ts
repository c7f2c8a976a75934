// Builders for test subjects: a base document plus overrides, parsed like real input, and spans
// located in the content so offsets are never typed by hand.
import { type ComplianceSubject, type ComplianceSubjectInput, ComplianceSubjectSchema } from "../subject.ts";

export const NOW = new Date("2026-06-01T12:00:00Z");
export const CREATED = new Date("2026-01-15T09:00:00Z");

type MetadataInput = Partial<ComplianceSubjectInput["metadata"]>;
export interface SubjectSpec {
  content?: string;
  /** [type, exact text] pairs, located in content (the first occurrence). */
  spans?: [type: string, text: string, confidence?: number][];
  classification?: string | null;
  metadata?: MetadataInput;
}

export function subject(spec: SubjectSpec = {}): ComplianceSubject {
  const content = spec.content ?? "";
  const entities = (spec.spans ?? []).map(([type, text, confidence = 0.95]) => {
    const start = content.indexOf(text);
    if (start < 0) throw new Error(`span "${text}" is not in the content`);
    return { type, start, end: start + text.length, text, confidence };
  });
  return ComplianceSubjectSchema.parse({
    content,
    entities,
    classification: spec.classification ?? null,
    metadata: { createdAt: CREATED, createdBy: "u-author", ...spec.metadata },
  });
}

export const years = (n: number, from = CREATED) => {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d;
};
