// The processing outbox's relay: versions whose enqueue was lost reach the pipeline later.
export {
  type ProcessingRelay,
  type ProcessingRelayOptions,
  type RelayReport,
  relayTenant,
  startProcessingRelay,
  within,
} from "./processing-relay.ts";
