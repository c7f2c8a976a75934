// Token buckets in front of the work a caller can cause without credentials: the public auth
// routes (each login or setup costs an argon2 hash and a transaction) and API-key checks (each
// a database lookup). Per client address, so one source cannot exhaust them for everyone, and
// one global bucket, so many sources together cannot either. Over a limit: 429 RATE_LIMITED with
// Retry-After, before any of that work runs.
//
// Auth routes take a token per request. API-key requests take one per *refused* key only, checked
// before the key is looked up: a client with a valid key is limited by its tenant's own rate
// limit (rate-limit.ts), while guessing keys empties the buckets and is then refused up front.
import type { Context, MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";
import { ApiError } from "../app/index.ts";
import { parseApiKey } from "../auth/api-key.ts";
import { type BucketDecision, peekToken, takeToken } from "./token-bucket.ts";

export interface BucketLimit {
  /** Sustained requests per hour. */
  perHour: number;
  /** Requests allowed at once from a full bucket. */
  burst: number;
}

export interface UnauthenticatedLimitOptions {
  redis: Redis;
  /** Public auth requests per client address. @default 300/h, bursts of 30 */
  authPerIp?: BucketLimit;
  /** Public auth requests from everyone together. @default 36000/h (10/s), bursts of 200 */
  authGlobal?: BucketLimit;
  /** Refused API keys per client address. @default 120/h, bursts of 20 */
  keyFailuresPerIp?: BucketLimit;
  /** Refused API keys from everyone together. @default 36000/h, bursts of 500 */
  keyFailuresGlobal?: BucketLimit;
  /** Paths that count as public auth routes. @default isPublicAuthRoute */
  isAuthRoute?: (path: string) => boolean;
  /**
   * The client's address. Behind a proxy, derive it from the header the proxy sets; never trust a
   * client-supplied header otherwise.
   * @default the socket's remote address
   */
  clientIp?: (c: Context) => string | undefined;
  /** @default "wspec:unauth:" */
  keyPrefix?: string;
  /** When Redis fails: true lets the request through (logged; the argon2 gate still bounds work). @default true */
  failOpen?: boolean;
  /** Multiplies every bucket's rate and burst (config RATE_LIMIT_SCALE). @default 1 */
  scale?: number;
}

/**
 * Routes under /api/v2/auth that need a session: a caller without one is refused by the token
 * check alone (no database, no hashing), and signed-in clients poll /auth/me, so they stay outside
 * the sign-in buckets.
 */
const SESSION_AUTH_ROUTES = new Set([
  "/api/v2/auth/me",
  "/api/v2/auth/mfa/setup",
  "/api/v2/auth/mfa/confirm",
]);

/** /api/v2/auth/* except the routes that need a session (login, refresh, setup, SSO callbacks, …). */
export function isPublicAuthRoute(path: string): boolean {
  return path.startsWith("/api/v2/auth/") && !SESSION_AUTH_ROUTES.has(path);
}

function socketAddress(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;
}

function presentedApiKey(c: Context): boolean {
  if (c.req.header("x-api-key") !== undefined) return true;
  const m = /^Bearer +(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  return m?.[1] !== undefined && parseApiKey(m[1]) !== undefined;
}

function limited(what: string, d: BucketDecision): ApiError {
  return new ApiError({
    code: "RATE_LIMITED",
    message: `too many ${what}; retry in ${d.retryAfterSeconds} s`,
    headers: { "Retry-After": String(d.retryAfterSeconds) },
  });
}

/**
 * Per-IP and global token buckets (Redis, shared by every replica) in front of the public auth
 * routes and API-key checks. Mount it before authentication.
 *
 * @example
 * createApp({ ..., middleware: [limitUnauthenticated({ redis }), authenticate, rateLimit({ redis })] });
 */
export function limitUnauthenticated(opts: UnauthenticatedLimitOptions): MiddlewareHandler {
  const {
    redis,
    authPerIp = { perHour: 300, burst: 30 },
    authGlobal = { perHour: 36_000, burst: 200 },
    keyFailuresPerIp = { perHour: 120, burst: 20 },
    keyFailuresGlobal = { perHour: 36_000, burst: 500 },
    isAuthRoute = isPublicAuthRoute,
    clientIp = socketAddress,
    keyPrefix = "wspec:unauth:",
    failOpen = true,
    scale = 1,
  } = opts;
  if (!redis) throw new Error("limitUnauthenticated: redis is required");
  for (const [name, l] of Object.entries({ authPerIp, authGlobal, keyFailuresPerIp, keyFailuresGlobal })) {
    if (!(l.perHour > 0) || !(l.burst >= 1))
      throw new Error(
        `limitUnauthenticated: ${name} needs perHour > 0 and burst >= 1, got ${JSON.stringify(l)}`,
      );
  }
  const bucket = (l: BucketLimit) => ({
    redis,
    perHour: l.perHour * scale,
    burstMultiplier: l.burst / l.perHour,
  });
  return async function limitUnauthenticated(c, next) {
    const auth = isAuthRoute(c.req.path);
    const key = !auth && presentedApiKey(c);
    if (!auth && !key) return next();
    const ip = clientIp(c) ?? "unknown";
    const [perIp, global, what] = auth
      ? [authPerIp, authGlobal, "sign-in requests"]
      : [keyFailuresPerIp, keyFailuresGlobal, "refused API keys"];
    const ipKey = `${keyPrefix}${auth ? "auth" : "key"}:ip:${ip}`;
    const globalKey = `${keyPrefix}${auth ? "auth" : "key"}:global`;
    try {
      const check = auth ? takeToken : peekToken;
      const decisions = await Promise.all([check(ipKey, bucket(perIp)), check(globalKey, bucket(global))]);
      const refused = decisions.find((d) => !d.allowed);
      if (refused) throw limited(what, refused);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      c.get("logger")?.error({ err }, "unauthenticated rate limit check failed");
      if (!failOpen) {
        throw new ApiError({
          code: "SERVICE_UNAVAILABLE",
          message: "rate limiter unavailable; retry shortly",
          cause: err,
        });
      }
      return next();
    }
    try {
      await next();
    } finally {
      if (key && c.res.status === 401) {
        await Promise.all([takeToken(ipKey, bucket(perIp)), takeToken(globalKey, bucket(global))]).catch(
          (err: unknown) => c.get("logger")?.error({ err }, "unauthenticated rate limit update failed"),
        );
      }
    }
  };
}
