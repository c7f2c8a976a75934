import type { MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";
import { ApiError, type TenantContext, type Tier } from "../app/index.ts";
import { type BucketDecision, takeToken } from "./token-bucket.ts";

/** Requests per hour by tier (the seed); bursts of 2x. */
export const DEFAULT_LIMITS: Readonly<Record<Tier, number>> = {
  starter: 1_000,
  professional: 10_000,
  enterprise: 100_000,
};

export interface RateLimitOptions {
  redis: Redis;
  /** @default DEFAULT_LIMITS */
  limits?: Readonly<Record<Tier, number>>;
  /** A per-tenant override (e.g. the operator's LIMIT_REQUESTS_PER_HOUR); undefined = by tier. */
  limitFor?: (tenant: TenantContext) => number | undefined;
  /** @default 2 */
  burstMultiplier?: number;
  /**
   * The tenant's Redis key prefix (the operator's REDIS_KEY_PREFIX).
   * @default (t) => `t:${t.slug}:`
   */
  keyPrefix?: (tenant: TenantContext) => string;
  /**
   * When Redis fails: true lets the request through (logged), false answers 503.
   * @default true
   */
  failOpen?: boolean;
}

const setHeaders = (headers: Headers, d: BucketDecision) => {
  headers.set("X-RateLimit-Limit", String(d.limit));
  headers.set("X-RateLimit-Remaining", String(d.remaining));
  headers.set("X-RateLimit-Reset", String(d.resetAt));
};

/**
 * Per-tenant rate limit (token bucket in Redis, see token-bucket.ts). Runs after authentication:
 * requests without a tenant pass untouched. Every tenant response carries X-RateLimit-Limit (the
 * bucket size: 2 × the hourly limit), X-RateLimit-Remaining and X-RateLimit-Reset (Unix seconds
 * when the bucket is full again); over the limit: 429 RATE_LIMITED with Retry-After (seconds).
 *
 * @example
 * createApp({ ..., middleware: [authenticate, rateLimit({ redis })] });
 */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const {
    redis,
    limits = DEFAULT_LIMITS,
    limitFor = () => undefined,
    burstMultiplier = 2,
    keyPrefix = (t: TenantContext) => `t:${t.slug}:`,
    failOpen = true,
  } = opts;
  if (!redis) throw new Error("rateLimit: redis is required");
  for (const [tier, n] of Object.entries(limits)) {
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`rateLimit: limit for ${tier} must be positive, got ${n}`);
  }
  return async function rateLimit(c, next) {
    const tenant = c.get("tenant") as TenantContext | undefined;
    if (!tenant) return next();
    const perHour = limitFor(tenant) ?? limits[tenant.tier];
    let decision: BucketDecision;
    try {
      decision = await takeToken(`${keyPrefix(tenant)}ratelimit:requests`, {
        redis,
        perHour,
        burstMultiplier,
      });
    } catch (err) {
      c.get("logger")?.error({ err, tenant: tenant.id }, "rate limit check failed");
      if (failOpen) return next();
      throw new ApiError({
        code: "SERVICE_UNAVAILABLE",
        message: "rate limiter unavailable; retry shortly",
        cause: err,
      });
    }
    if (!decision.allowed) {
      throw new ApiError({
        code: "RATE_LIMITED",
        message: `rate limit of ${perHour} requests per hour (bursts to ${decision.limit}) exceeded; retry in ${decision.retryAfterSeconds} s`,
        headers: {
          "Retry-After": String(decision.retryAfterSeconds),
          "X-RateLimit-Limit": String(decision.limit),
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": String(decision.resetAt),
        },
      });
    }
    await next();
    setHeaders(c.res.headers, decision);
  };
}
