export { DEFAULT_LIMITS, type RateLimitOptions, rateLimit } from "./rate-limit.ts";
export { type BucketDecision, TOKEN_BUCKET_LUA, type TokenBucketOptions, takeToken } from "./token-bucket.ts";
