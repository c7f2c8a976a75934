// Per-tenant token bucket in Redis, decided by one Lua script so that concurrent requests from any
// number of runtime replicas take tokens atomically (Redis runs a script without interleaving).
//
// Why a token bucket: a tenant's limit is per hour with bursts of 2x (the seed). The bucket holds
// up to `burst` = 2 × limit tokens and refills continuously at limit/3600 per second, so a quiet
// tenant may burst to twice its hourly rate, and a sustained rate settles at the limit. It costs
// one hash (two fields) per tenant and no per-request entries, unlike a sliding log.
import type { Redis } from "ioredis";

/** KEYS[1] bucket; ARGV: burst, refill per ms, cost. Returns {allowed, tokens, now_ms}. */
export const TOKEN_BUCKET_LUA = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = burst
  ts = now
end
if now > ts then
  tokens = math.min(burst, tokens + (now - ts) * rate)
  ts = now
end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'ts', string.format('%d', ts))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 60000)
return {allowed, string.format('%.6f', tokens), string.format('%d', now)}
`;

export interface BucketDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** The bucket's size (2 × the hourly limit). */
  limit: number;
  /** Seconds until one more request is allowed (0 when allowed). */
  retryAfterSeconds: number;
  /** Unix time (seconds) at which the bucket is full again. */
  resetAt: number;
}

export interface TokenBucketOptions {
  redis: Redis;
  /** Requests per hour. */
  perHour: number;
  /** @default 2 */
  burstMultiplier?: number;
}

type RedisWithBucket = Redis & {
  wspecTokenBucket(key: string, burst: number, rate: number, cost: number): Promise<[number, string, string]>;
};

/** Takes `cost` tokens from the bucket at `key`. */
export async function takeToken(key: string, opts: TokenBucketOptions, cost = 1): Promise<BucketDecision> {
  const { redis, perHour, burstMultiplier = 2 } = opts;
  const burst = Math.round(perHour * burstMultiplier);
  const perMs = perHour / 3_600_000;
  const r = redis as RedisWithBucket;
  if (typeof r.wspecTokenBucket !== "function") {
    redis.defineCommand("wspecTokenBucket", { numberOfKeys: 1, lua: TOKEN_BUCKET_LUA });
  }
  const [allowed, tokensText, nowText] = await r.wspecTokenBucket(key, burst, perMs, cost);
  const tokens = Number(tokensText);
  const nowMs = Number(nowText);
  return {
    allowed: allowed === 1,
    remaining: Math.floor(tokens),
    limit: burst,
    retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((cost - tokens) / perMs / 1000)),
    resetAt: Math.ceil((nowMs + (burst - tokens) / perMs) / 1000),
  };
}

/**
 * Whether the bucket at `key` holds a token, without taking it (a script run with cost 0 only
 * refills): for limits that charge after the fact, such as refused API keys.
 */
export async function peekToken(key: string, opts: TokenBucketOptions): Promise<BucketDecision> {
  const d = await takeToken(key, opts, 0);
  const perMs = opts.perHour / 3_600_000;
  const tokens = d.remaining;
  return {
    ...d,
    allowed: tokens >= 1,
    retryAfterSeconds: tokens >= 1 ? 0 : Math.max(1, Math.ceil(1 / perMs / 1000)),
  };
}
