export {
  DEFAULT_TIMEOUT_MS,
  type DeliverOptions,
  type DeliveryEndpoint,
  type DeliveryOutcome,
  type DeliveryResult,
  deliver,
  RESPONSE_SNIPPET_CHARS,
  USER_AGENT,
} from "./deliver.ts";
export {
  createEvent,
  EVENT_FILTER_VALUES,
  EventFilterSchema,
  eventBody,
  matchesFilter,
  newMessageId,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookEventType,
} from "./events.ts";
export { type AddressClass, CLASS_LABELS, classifyAddress, PRIVATE_CLASSES } from "./ip-ranges.ts";
export {
  MAX_ATTEMPTS,
  nextAttemptAt,
  RETRY_SCHEDULE_MS,
  type ResponseVerdict,
  verdictFor,
} from "./schedule.ts";
export {
  activeSecrets,
  type EndpointSecret,
  generateSecret,
  isSecret,
  MAX_ACTIVE_SECRETS,
  ROTATION_OVERLAP_MS,
  rotateSecrets,
  SECRET_PREFIX,
} from "./secrets.ts";
export { type SignatureHeaders, signatureHeaders } from "./signing.ts";
export {
  checkDestination,
  type Destination,
  type DestinationPolicy,
  type Lookup,
  type ResolvedAddress,
  systemLookup,
} from "./ssrf.ts";
export {
  type FetchLike,
  MAX_RESPONSE_BYTES,
  pinnedTransport,
  type TransportOptions,
  type WebhookRequest,
  type WebhookResponse,
} from "./transport.ts";
