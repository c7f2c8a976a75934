// RED metrics for the API as one Hono middleware, run outermost so that it times everything and
// sees the final status (errors are already turned into responses by the app's error funnel).
import type { Context, MiddlewareHandler } from "hono";
import { type AppEnv, TIERS } from "../app/context.ts";
import type { RuntimeMetrics } from "./registry.ts";
import type { UsageCounters } from "./usage.ts";

/** The route label of a request that matched no route (scanners, typos): one series for all. */
export const UNMATCHED_ROUTE = "unmatched";
/** The tier label before authentication (public routes, refused credentials). */
export const NO_TIER = "none";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const TIER_SET: ReadonlySet<string> = new Set(TIERS);

/**
 * The template of the route that serves this request (`/api/v2/documents/:id`), never the raw
 * path: Hono matched every route for the path before the first middleware ran, and middleware
 * (`use`) is registered under method ALL, so the last other match is the handler. A request no
 * route matches, whatever its path, is UNMATCHED_ROUTE.
 */
export function routeTemplate(c: Context): string {
  const matched = c.req.matchedRoutes;
  for (let i = matched.length - 1; i >= 0; i--) {
    const r = matched[i];
    if (r && r.method !== "ALL" && !r.path.endsWith("*")) return r.path;
  }
  return UNMATCHED_ROUTE;
}

/** Why authentication refused a request: a closed set, read from the refusal's message. */
export const AUTH_FAILURE_REASONS = [
  "missing_credential",
  "malformed_header",
  "ambiguous_credentials",
  "api_key_not_accepted",
  "expired",
  "revoked",
  "malformed",
  "bad_signature",
  "invalid_claims",
  "tenant_suspended",
  "principal_rejected",
  "invalid_credential",
  "forbidden",
  "other",
] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

// runtime/auth/authenticate only keeps the message of its refusals; these patterns follow its
// messages and those of the access-token and API-key services (metrics.test.ts runs the real
// middleware, so a reworded message shows up there as "other").
const REASON_PATTERNS: [RegExp, AuthFailureReason][] = [
  [/^authentication required/, "missing_credential"],
  [/^Authorization header must be/, "malformed_header"],
  [/not both$/, "ambiguous_credentials"],
  [/^API keys are not accepted/, "api_key_not_accepted"],
  [/expired$/, "expired"],
  [/revoked$/, "revoked"],
  [/malformed$/, "malformed"],
  [/signature is invalid|algorithm not allowed/, "bad_signature"],
  [/audience|issuer|not valid yet|claim|\(typ\)/, "invalid_claims"],
  [/suspended$/, "tenant_suspended"],
  [/no longer valid for this tenant/, "principal_rejected"],
  [/is not valid$|password|credentials/i, "invalid_credential"],
];

export function authFailureReason(status: number, err: Error | undefined): AuthFailureReason {
  if (status === 403) return "forbidden";
  const message = err?.message ?? "";
  for (const [pattern, reason] of REASON_PATTERNS) if (pattern.test(message)) return reason;
  return "other";
}

/** Request metrics; with `usage`, each request of a tenant also counts for its bill. */
export function httpMetrics(
  metrics: RuntimeMetrics,
  usage?: Pick<UsageCounters, "count">,
): MiddlewareHandler<AppEnv> {
  const { httpRequests, httpDuration, authFailures } = metrics;
  return async function observeRequest(c, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const method = METHODS.has(c.req.method) ? c.req.method : "OTHER";
      const route = routeTemplate(c);
      const tenant = c.get("tenant") as { id?: string; tier?: string } | undefined;
      const tierLabel = tenant?.tier !== undefined && TIER_SET.has(tenant.tier) ? tenant.tier : NO_TIER;
      const status = c.res.status;
      httpRequests.inc({ method, route, status: String(status), tier: tierLabel });
      httpDuration.observe({ method, route, tier: tierLabel }, seconds);
      if (status === 401 || status === 403) authFailures.inc({ reason: authFailureReason(status, c.error) });
      if (usage && tenant?.id) usage.count(tenant.id, "api_requests");
    }
  };
}

/** Only the usage count (metrics off): each request of a tenant counts for its bill. */
export function countRequests(usage: Pick<UsageCounters, "count">): MiddlewareHandler<AppEnv> {
  return async function countRequest(c, next) {
    try {
      await next();
    } finally {
      const id = (c.get("tenant") as { id?: string } | undefined)?.id;
      if (id) usage.count(id, "api_requests");
    }
  };
}
