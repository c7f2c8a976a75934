export {
  AUTH_FAILURE_REASONS,
  authFailureReason,
  countRequests,
  httpMetrics,
  NO_TIER,
  routeTemplate,
  UNMATCHED_ROUTE,
} from "./http.ts";
export { countProcessedDocuments, observePipelineWorker, observeWebhookWorker } from "./jobs.ts";
export { type ObservedQueue, observeQueues } from "./queues.ts";
export {
  createRuntimeMetrics,
  type MetricsProcess,
  observePools,
  type PoolStats,
  type RuntimeMetrics,
} from "./registry.ts";
export { type MetricsServer, startMetricsServer } from "./server.ts";
export { instrumentStorage } from "./storage.ts";
export { meteredFetch, type TokenPurpose } from "./tokens.ts";
export { startUsageCounters, USAGE_METRICS, type UsageCounters, type UsageMetric } from "./usage.ts";
