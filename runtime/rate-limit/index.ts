export { DEFAULT_LIMITS, type RateLimitOptions, rateLimit } from "./rate-limit.ts";
export {
  type BucketDecision,
  peekToken,
  TOKEN_BUCKET_LUA,
  type TokenBucketOptions,
  takeToken,
} from "./token-bucket.ts";
export {
  type BucketLimit,
  isPublicAuthRoute,
  limitUnauthenticated,
  type UnauthenticatedLimitOptions,
} from "./unauthenticated.ts";
