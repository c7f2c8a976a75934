export {
  type ComponentReport,
  type HealthCheck,
  type HealthChecks,
  type HealthRouteOptions,
  registerHealth,
  runCheck,
} from "./health.ts";
