export { CONTEXT_AFTER, CONTEXT_BEFORE } from "./context.ts";
export { cardIssuer, luhnValid } from "./detectors/credit-card.ts";
export { isoDate } from "./detectors/date.ts";
export { parseAmount } from "./detectors/money.ts";
export { routingValid } from "./detectors/routing-number.ts";
export { ssnValid } from "./detectors/ssn.ts";
export { extractEntities, InvalidExtractOptionsError, resolveOptions } from "./entities.ts";
export { ExtractionTimeoutError, extractEntitiesOffThread, OffThreadExtractor } from "./off-thread.ts";
export { resolveOverlaps } from "./overlap.ts";
export {
  applyPiiPolicy,
  InvalidPiiPolicyError,
  isPersonalData,
  PERSONAL_DATA_TYPES,
  type PiiDecision,
  type PiiFinding,
  type PiiPolicyOptions,
} from "./policy.ts";
export {
  REDACTION_MODES,
  type RedactedSpan,
  type Redaction,
  RedactionError,
  type RedactionMode,
  type RedactOptions,
  redact,
} from "./redact.ts";
export { phoneCountriesForRegion } from "./regions.ts";
export { ENTITY_TYPES, type Entity, type EntityType, type ExtractOptions } from "./types.ts";
