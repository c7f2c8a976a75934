export {
  API_PREFIX,
  type App,
  type AppDatabase,
  type AppDeps,
  type AppRedis,
  createApp,
  ErrorEnvelopeSchema,
} from "./app.ts";
export { type Config, ConfigSchema, loadConfig } from "./config.ts";
export {
  type AppEnv,
  type AppVariables,
  type Clock,
  type Principal,
  ROLES,
  type Role,
  type TenantContext,
  TIERS,
  type Tier,
} from "./context.ts";
export { envelopeOf, jsonResponse, type Meta, MetaSchema, meta, ok, pageSchema } from "./envelope.ts";
export {
  DEFAULT_ERROR_DESCRIPTIONS,
  type ErrorResponses,
  type ErrorStatus,
  errorResponses,
} from "./error-responses.ts";
export {
  ApiError,
  type ApiErrorOptions,
  codeOf,
  ERROR_CODES,
  ErrorCode,
  type ErrorDetail,
  ErrorDetailSchema,
  errorBody,
  errorResponse,
  handleError,
  handleNotFound,
  INTERNAL_MESSAGE,
  statusOf,
} from "./errors.ts";
export { invalidField, notFound, refusedCursor, unprocessableField } from "./field-errors.ts";
export {
  type ComponentReport,
  type HealthCheck,
  type HealthChecks,
  registerHealth,
  runCheck,
} from "./health/index.ts";
export {
  DEFAULT_BODY_LIMITS,
  MB,
  type TierBodyLimitOptions,
  tierBodyLimit,
} from "./middleware/body-limit/index.ts";
export { type RunningServer, type ServeOptions, startServer } from "./server.ts";
export { requireTenant } from "./tenant.ts";
export { validationHook, zodDetails } from "./validation.ts";
