import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Tier } from "../../context.ts";
import { ApiError } from "../../errors.ts";

export const MB = 1024 * 1024;

/** Request body limits per tenant tier (the seed: 10 MB standard, 100 MB enterprise). */
export const DEFAULT_BODY_LIMITS: Readonly<Record<Tier, number>> = {
  starter: 10 * MB,
  professional: 10 * MB,
  enterprise: 100 * MB,
};

export interface TierBodyLimitOptions {
  /**
   * Bytes allowed per tier.
   * @default DEFAULT_BODY_LIMITS
   */
  limits?: Readonly<Record<Tier, number>>;
  /**
   * Bytes allowed before a tenant is known (no auth yet, health, login).
   * @default 10 MB
   */
  anonymous?: number;
}

/**
 * Refuses a request body larger than the tenant tier allows with 413 in the error envelope.
 * A declared Content-Length is checked before any byte is read; a chunked body is counted as it
 * arrives (Hono's bodyLimit) and refused as soon as it passes the limit.
 *
 * @example
 * app.use("/api/*", tierBodyLimit());
 */
export function tierBodyLimit(opts: TierBodyLimitOptions = {}): MiddlewareHandler {
  const { limits = DEFAULT_BODY_LIMITS, anonymous = 10 * MB } = opts;
  for (const [tier, bytes] of Object.entries({ ...limits, anonymous })) {
    if (!Number.isSafeInteger(bytes) || bytes <= 0) {
      throw new Error(`tierBodyLimit: limit for ${tier} must be a positive integer, got ${bytes}`);
    }
  }
  const byLimit = new Map<number, MiddlewareHandler>();
  const forLimit = (maxSize: number): MiddlewareHandler => {
    let mw = byLimit.get(maxSize);
    if (!mw) {
      mw = bodyLimit({
        maxSize,
        onError: () => {
          throw new ApiError({
            code: "PAYLOAD_TOO_LARGE",
            message: `request body exceeds ${maxSize} bytes`,
            details: [{ field: "body", message: `at most ${maxSize} bytes allowed for this tenant's tier` }],
          });
        },
      });
      byLimit.set(maxSize, mw);
    }
    return mw;
  };
  return async function tierBodyLimit(c, next) {
    const tier = c.get("tenant")?.tier;
    const maxSize = tier ? limits[tier] : anonymous;
    return forLimit(maxSize)(c, next);
  };
}
