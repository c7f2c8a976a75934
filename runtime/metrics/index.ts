export {
  AUTH_FAILURE_REASONS,
  authFailureReason,
  httpMetrics,
  NO_TIER,
  routeTemplate,
  UNMATCHED_ROUTE,
} from "./http.ts";
export { observePipelineWorker, observeWebhookWorker } from "./jobs.ts";
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
