// The ComplianceProfile's PII policy (spec.pii: block | redact | flag) applied to a document's text:
// what happens to the upload and what may be stored. Findings never carry the raw values, so the
// database does not become a second copy of the personal data.
import { PII_MODES, type PiiMode } from "../../../crds/constants.ts";
import { extractEntities } from "./entities.ts";
import { type RedactionMode, redact } from "./redact.ts";
import type { Entity, EntityType, ExtractOptions } from "./types.ts";

/** Types that identify or belong to a person. Routing numbers name a bank and amounts a transaction. */
export const PERSONAL_DATA_TYPES: readonly EntityType[] = [
  "credit_card",
  "iban",
  "ssn",
  "account_number",
  "email",
  "phone",
  "ip_address",
  "person",
];
const BIRTH_CONTEXT = new Set(["date of birth", "dob", "d.o.b.", "born", "birth date", "birthdate"]);

/** A date is personal data when it is labelled as a birth date; every other type by its kind. */
export function isPersonalData(entity: Entity): boolean {
  if (entity.type === "date") return entity.context !== undefined && BIRTH_CONTEXT.has(entity.context);
  return PERSONAL_DATA_TYPES.includes(entity.type);
}

export interface PiiFinding {
  type: EntityType;
  /** Offsets in the stored text (for "redact", the redacted text). */
  start: number;
  end: number;
  confidence: number;
  /** The value masked down to what a person needs to recognise it ("**** **** **** 1111"). */
  preview: string;
}

export interface PiiDecision {
  mode: PiiMode;
  /** "reject": the upload is refused and nothing is stored. */
  action: "store" | "reject";
  /** What the stored text is: the original, the redacted text, or nothing. */
  store: "original" | "redacted" | "nothing";
  text: string | null;
  findings: PiiFinding[];
  /** Count of findings per type. */
  counts: Partial<Record<EntityType, number>>;
  /** Why, for the API error or the document's processing record. */
  reason: string;
}

export interface PiiPolicyOptions {
  /** Entities already extracted from `text`; extracted here when absent. */
  entities?: readonly Entity[];
  extract?: ExtractOptions;
  /** Findings below this confidence do not count (default 0.6). */
  minConfidence?: number;
  /** How "redact" rewrites the text (default "mask", which keeps every offset valid). */
  redaction?: RedactionMode;
  /** Required when redaction is "hash". */
  hashKey?: string;
}

export class InvalidPiiPolicyError extends Error {
  override name = "InvalidPiiPolicyError";
}

function describeCounts(counts: Partial<Record<EntityType, number>>): string {
  return Object.entries(counts)
    .map(([type, n]) => `${n} ${type}`)
    .join(", ");
}

/** Decides what the profile's PII mode does with this text. */
export function applyPiiPolicy(text: string, mode: PiiMode, options: PiiPolicyOptions = {}): PiiDecision {
  if (!PII_MODES.includes(mode)) {
    throw new InvalidPiiPolicyError(
      `pii must be one of ${PII_MODES.join(", ")}, got ${JSON.stringify(mode)}`,
    );
  }
  const minConfidence = options.minConfidence ?? 0.6;
  const entities = options.entities ?? extractEntities(text, options.extract);
  const personal = entities.filter((e) => e.confidence >= minConfidence && isPersonalData(e));
  const counts: Partial<Record<EntityType, number>> = {};
  for (const e of personal) counts[e.type] = (counts[e.type] ?? 0) + 1;
  const masked = redact(text, personal, { mode: "mask" });
  const previews = masked.spans.map((s) => s.replacement);

  if (personal.length === 0) {
    return {
      mode,
      action: "store",
      store: "original",
      text,
      findings: [],
      counts,
      reason: "no personal data found",
    };
  }
  const found = `personal data found (${describeCounts(counts)})`;
  if (mode === "block") {
    return {
      mode,
      action: "reject",
      store: "nothing",
      text: null,
      findings: personal.map((e, i) => ({ ...finding(e, e.start, e.end), preview: previews[i] ?? "" })),
      counts,
      reason: `${found}; the compliance profile's PII policy is block`,
    };
  }
  if (mode === "flag") {
    return {
      mode,
      action: "store",
      store: "original",
      text,
      findings: personal.map((e, i) => ({ ...finding(e, e.start, e.end), preview: previews[i] ?? "" })),
      counts,
      reason: `${found}; stored unchanged and flagged (PII policy flag)`,
    };
  }
  const redactionMode = options.redaction ?? "mask";
  const redacted =
    redactionMode === "mask"
      ? masked
      : redact(text, personal, { mode: redactionMode, hashKey: options.hashKey });
  return {
    mode,
    action: "store",
    store: "redacted",
    text: redacted.text,
    findings: personal.map((e, i) => {
      const span = redacted.spans[i];
      return { ...finding(e, span?.start ?? e.start, span?.end ?? e.end), preview: previews[i] ?? "" };
    }),
    counts,
    reason: `${found}; stored redacted (PII policy redact, ${redactionMode})`,
  };
}

function finding(e: Entity, start: number, end: number): Omit<PiiFinding, "preview"> {
  return { type: e.type, start, end, confidence: e.confidence };
}
