export {
  type AttemptDeps,
  type AttemptOutcome,
  attemptDelivery,
  type DeliveryStatus,
  DISABLED_BY_RECEIVER,
} from "./attempt.ts";
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
export { type DispatchDeps, fanOut, type OutgoingEvent, webhookNotifier } from "./dispatch.ts";
export { openSecrets, sealSecrets } from "./endpoint-secrets.ts";
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
  type DeliveryJobData,
  DeliveryQueue,
  type DeliveryQueueOptions,
  deliveryJobId,
  WEBHOOK_QUEUE,
} from "./queue.ts";
export {
  PING_EVENT_TYPE,
  registerWebhookRoutes,
  type WebhookRouteDeps,
} from "./routes/index.ts";
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
export { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from "./worker.ts";
