// The shapes every detector, the redactor and the PII policy share.
import type { CountryCode } from "libphonenumber-js";

export const ENTITY_TYPES = [
  "credit_card",
  "iban",
  "ssn",
  "routing_number",
  "email",
  "phone",
  "ip_address",
  "date",
  "money",
  "account_number",
  "person",
  "organization",
  "location",
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A typed span of the input: `text === input.slice(start, end)` (UTF-16 offsets, end exclusive). */
export interface Entity {
  type: EntityType;
  start: number;
  end: number;
  text: string;
  /** 0..1: the detector's base score, raised by context words, lowered by weak validation. */
  confidence: number;
  /** A canonical form: digits only for cards, electronic IBAN, E.164 phone, ISO date, "USD 1250.00". */
  normalized?: string;
  /** The context word that raised confidence, lowercased ("card", "dob", ...). */
  context?: string;
}

export interface ExtractOptions {
  /** Only these types are looked for (default: all). */
  types?: readonly EntityType[];
  /** Spans below this confidence are dropped (default 0.5). */
  minConfidence?: number;
  /** Country assumed for phone numbers written without a country code (default "US"). */
  defaultCountry?: CountryCode;
  /**
   * Countries whose national numbers are accepted without a phone word near them: the tenant's
   * region's countries (`phoneCountriesForRegion`). Default: `defaultCountry` alone.
   */
  phoneCountries?: readonly CountryCode[];
  /** The day relative dates ("next Tuesday", "yesterday") are read from (default: now). */
  referenceDate?: Date;
  /** How to read 03/04/2024 when both readings are valid dates (default "MDY"; "." separators read DMY). */
  dateOrder?: "MDY" | "DMY";
  /** Run wink-nlp's named-entity recognizer for dates and amounts the patterns miss (default true). */
  nlp?: boolean;
}

export interface ResolvedOptions {
  types: ReadonlySet<EntityType>;
  minConfidence: number;
  defaultCountry: CountryCode;
  /** defaultCountry first, then the others, without repeats. */
  phoneCountries: readonly CountryCode[];
  referenceDate: Date;
  dateOrder: "MDY" | "DMY";
  nlp: boolean;
}

/** A detector proposes spans over the whole text; extractEntities resolves overlaps between them. */
export type Detector = (text: string, options: ResolvedOptions) => Entity[];
