// The Hono application: request id, logging, secure headers, the error funnel and envelopes,
// OpenAPI and its reference page, health routes. Auth, rate limits and feature routes plug in
// through deps so that this module imports none of them.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { AppEnv, Clock } from "./context.ts";
import { docsPage, scalarBundle } from "./docs.ts";
import { MetaSchema } from "./envelope.ts";
import { type ApiError, ErrorCode, ErrorDetailSchema, handleError, handleNotFound } from "./errors.ts";
import { type HealthCheck, registerHealth } from "./health/index.ts";
import { type TierBodyLimitOptions, tierBodyLimit } from "./middleware/body-limit/index.ts";
import { methodNotAllowed } from "./middleware/method-not-allowed/index.ts";
import { withChainResponses } from "./openapi-document.ts";
import { validationHook } from "./validation.ts";

export type App = OpenAPIHono<AppEnv>;

/** What the database module offers the app (see runtime/db). */
export interface AppDatabase {
  /** Resolves when the database answers (health). */
  ping(): Promise<unknown>;
}

/** What the app needs of Redis (an ioredis client satisfies it). */
export interface AppRedis {
  ping(): Promise<unknown>;
}

export interface AppDeps {
  config: {
    /** Reported in every envelope's meta and the OpenAPI document. */
    apiVersion: string;
    bodyLimits?: TierBodyLimitOptions;
  };
  logger: Logger;
  /** @default () => new Date() */
  clock?: Clock;
  db: AppDatabase;
  redis: AppRedis;
  /** The tenant registry (runtime/db); routes reach it through their own registration. */
  registry?: unknown;
  /** Storage health, from the storage module. */
  storageCheck?: HealthCheck;
  /** The virus scanner's health (clamd PING, runtime/scan), in /health/deep. */
  scannerCheck?: HealthCheck;
  /**
   * Run first, around every request (the error funnel included): request metrics
   * (runtime/metrics), which must time everything and see the final status.
   */
  observe?: MiddlewareHandler<AppEnv>;
  /**
   * Middleware run on /api/v2/* after request id and before routes, in order: authentication
   * (sets `tenant` and `principal`), then rate limiting. The OpenAPI document and the reference
   * page stay public.
   */
  middleware?: MiddlewareHandler<AppEnv>[];
  /**
   * Turns errors of other modules into ApiErrors (e.g. a busy connection pool into 503); anything
   * it leaves undefined goes to the generic funnel.
   */
  mapError?: (err: Error) => ApiError | undefined;
  /** Route registrations (audit, documents, auth ...), each `(app) => void`. */
  routes?: ((app: App) => void)[];
}

export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({ code: ErrorCode, message: z.string(), details: z.array(ErrorDetailSchema) }),
    meta: MetaSchema,
  })
  .openapi("ErrorEnvelope");

export const API_PREFIX = "/api/v2";

/**
 * Builds the application. Nothing listens: `app.fetch` serves (tests call `app.request()`).
 *
 * @example
 * const app = createApp({ config: { apiVersion: "2.0.0" }, logger, db, redis });
 * const res = await app.request("/health");
 */
export function createApp(deps: AppDeps): App {
  const { config, logger, db, redis, storageCheck, scannerCheck, middleware = [], routes = [] } = deps;
  const clock = deps.clock ?? (() => new Date());
  const startedAt = clock();
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.onError((err, c) => handleError(deps.mapError?.(err) ?? err, c));
  app.notFound(handleNotFound);

  if (deps.observe) app.use("*", deps.observe);
  app.use("*", requestId());
  app.use("*", async function context(c, next) {
    c.set("clock", clock);
    c.set("apiVersion", config.apiVersion);
    const log = logger.child({ requestId: c.get("requestId") });
    c.set("logger", log);
    const started = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        tenant: (c.get("tenant") as { id: string } | undefined)?.id,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      },
      "request",
    );
  });
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-origin" }));
  app.use("*", methodNotAllowed({ routes: () => app.routes }));
  // Tenant data must not sit in shared caches; a route may still choose its own policy.
  app.use(`${API_PREFIX}/*`, async function noStore(c, next) {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });

  app.openAPIRegistry.register("ErrorEnvelope", ErrorEnvelopeSchema);
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT or API key",
  });

  registerHealth(app, {
    checks: {
      database: () => db.ping(),
      redis: () => redis.ping(),
      ...(storageCheck ? { storage: storageCheck } : {}),
      ...(scannerCheck ? { virus_scanner: scannerCheck } : {}),
    },
    version: config.apiVersion,
    startedAt,
  });

  // Built once, on the first request for it: every route is registered by then.
  let built: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const document = () => {
    built ??= withChainResponses(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "wspec API",
          version: config.apiVersion,
          description:
            "Documents, compliance and audit for one tenant. Every success is {data, meta}; every error is {error:{code, message, details}, meta}.",
        },
        servers: [{ url: "/" }],
        security: [{ bearer: [] }],
      }),
      API_PREFIX,
    );
    return built;
  };
  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(document()));
  app.get(
    `${API_PREFIX}/docs`,
    docsPage({
      documentUrl: `${API_PREFIX}/openapi.json`,
      bundleUrl: `${API_PREFIX}/docs/scalar.js`,
      title: `wspec API ${config.apiVersion}`,
    }),
  );
  app.get(`${API_PREFIX}/docs/scalar.js`, scalarBundle);

  for (const mw of middleware) app.use(`${API_PREFIX}/*`, mw);
  app.use(`${API_PREFIX}/*`, tierBodyLimit(config.bodyLimits));
  for (const register of routes) register(app);
  return app;
}
