// extractEntities: every detector proposes spans, the weak ones are dropped, overlaps are resolved.
import { isSupportedCountry } from "libphonenumber-js/max";
import { detectAccountNumbers } from "./detectors/account-number.ts";
import { detectCreditCards } from "./detectors/credit-card.ts";
import { detectDates } from "./detectors/date.ts";
import { detectDateWords } from "./detectors/date-words.ts";
import { detectEmails } from "./detectors/email.ts";
import { detectIbans } from "./detectors/iban.ts";
import { detectIpAddresses } from "./detectors/ip-address.ts";
import { detectMoney } from "./detectors/money.ts";
import { detectNames } from "./detectors/names.ts";
import { detectWithNlp } from "./detectors/nlp.ts";
import { detectPhones } from "./detectors/phone.ts";
import { detectRoutingNumbers } from "./detectors/routing-number.ts";
import { detectSsns } from "./detectors/ssn.ts";
import { resolveOverlaps } from "./overlap.ts";
import {
  type Detector,
  ENTITY_TYPES,
  type Entity,
  type EntityType,
  type ExtractOptions,
  type ResolvedOptions,
} from "./types.ts";

type PatternType = Exclude<EntityType, NameType>;
type NameType = (typeof NAME_TYPES)[number];
/** Found together by one pass over capitalized words (detectors/names.ts). */
const NAME_TYPES = ["person", "organization", "location"] as const satisfies readonly EntityType[];

const DETECTORS: Readonly<Record<PatternType, Detector>> = {
  credit_card: detectCreditCards,
  iban: detectIbans,
  ssn: detectSsns,
  routing_number: detectRoutingNumbers,
  email: detectEmails,
  phone: detectPhones,
  ip_address: detectIpAddresses,
  date: detectDates,
  money: detectMoney,
  account_number: detectAccountNumbers,
};

export class InvalidExtractOptionsError extends Error {
  override name = "InvalidExtractOptionsError";
}

export function resolveOptions(options: ExtractOptions = {}): ResolvedOptions {
  const types = options.types ?? ENTITY_TYPES;
  const unknown = types.filter((t) => !ENTITY_TYPES.includes(t));
  if (unknown.length > 0) {
    throw new InvalidExtractOptionsError(
      `types has unknown entity type ${unknown.map((t) => JSON.stringify(t)).join(", ")}; allowed: ${ENTITY_TYPES.join(", ")}`,
    );
  }
  const minConfidence = options.minConfidence ?? 0.5;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new InvalidExtractOptionsError(
      `minConfidence must be a number from 0 to 1, got ${String(minConfidence)}`,
    );
  }
  const dateOrder = options.dateOrder ?? "MDY";
  if (dateOrder !== "MDY" && dateOrder !== "DMY") {
    throw new InvalidExtractOptionsError(
      `dateOrder must be "MDY" or "DMY", got ${JSON.stringify(dateOrder)}`,
    );
  }
  const defaultCountry = options.defaultCountry ?? "US";
  if (!isSupportedCountry(defaultCountry)) {
    throw new InvalidExtractOptionsError(
      `defaultCountry must be an ISO 3166-1 alpha-2 code libphonenumber knows (US, GB, DE, ...), got ${JSON.stringify(defaultCountry)}`,
    );
  }
  const extra = options.phoneCountries ?? [];
  const badCountries = extra.filter((c) => !isSupportedCountry(c));
  if (!Array.isArray(extra) || badCountries.length > 0) {
    throw new InvalidExtractOptionsError(
      `phoneCountries must list ISO 3166-1 alpha-2 codes libphonenumber knows (US, GB, DE, ...), got ${badCountries.map((c) => JSON.stringify(c)).join(", ")}`,
    );
  }
  const referenceDate = options.referenceDate ?? new Date();
  if (!(referenceDate instanceof Date) || Number.isNaN(referenceDate.getTime())) {
    throw new InvalidExtractOptionsError("referenceDate must be a valid Date");
  }
  return {
    types: new Set(types),
    minConfidence,
    defaultCountry,
    phoneCountries: [...new Set([defaultCountry, ...extra])],
    referenceDate,
    dateOrder,
    nlp: options.nlp ?? true,
  };
}

/**
 * Finds typed spans (cards, IBANs, SSNs, routing and account numbers, emails, phones, IP addresses,
 * dates, amounts, names) with confidences; spans never overlap and are sorted by start offset.
 * Throws InvalidExtractOptionsError for options outside their allowed values.
 */
export function extractEntities(text: string, options: ExtractOptions = {}): Entity[] {
  const resolved = resolveOptions(options);
  // Collected with concat, not push(...): a large document yields more spans than the call stack
  // takes as arguments.
  let candidates: Entity[] = [];
  for (const type of ENTITY_TYPES) {
    if (resolved.types.has(type) && type in DETECTORS) {
      candidates = candidates.concat(DETECTORS[type as PatternType](text, resolved));
    }
  }
  if (resolved.types.has("date")) candidates = candidates.concat(detectDateWords(text, resolved));
  if (NAME_TYPES.some((t) => resolved.types.has(t))) {
    candidates = candidates.concat(detectNames(text, resolved.types));
  }
  if (resolved.nlp && (resolved.types.has("date") || resolved.types.has("money"))) {
    candidates = candidates.concat(detectWithNlp(text, resolved).filter((e) => resolved.types.has(e.type)));
  }
  return resolveOverlaps(candidates.filter((c) => c.confidence >= resolved.minConfidence));
}
