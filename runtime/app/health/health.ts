// Health routes (outside /api/v2, for probes): /health (the process answers), /health/live,
// /health/ready (database and Redis reachable) and /health/deep (every component, with latency).
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Logger } from "pino";
import type { AppEnv } from "../context.ts";
import { envelopeOf, ok } from "../envelope.ts";

/** A component check: resolves when healthy, throws (or times out) otherwise. */
export type HealthCheck = () => Promise<unknown>;

export interface HealthChecks {
  database: HealthCheck;
  redis: HealthCheck;
  /** Storage is checked by the storage module, injected here. */
  storage?: HealthCheck;
  /**
   * The virus scanner (runtime/scan): in /health/deep only, never readiness: while it is down
   * uploads wait in pending_scan, and the runtime keeps serving everything else.
   */
  virus_scanner?: HealthCheck;
}

const ComponentSchema = z
  .object({
    status: z.enum(["up", "down"]),
    latency_ms: z.number(),
    error: z.string().optional(),
  })
  .openapi("HealthComponent");

const StatusSchema = z.enum(["ok", "degraded", "down"]);

export const HealthSchema = z
  .object({ status: StatusSchema, version: z.string(), uptime_seconds: z.number() })
  .openapi("Health");
export const ProbeSchema = z
  .object({ status: StatusSchema, components: z.record(z.string(), ComponentSchema) })
  .openapi("HealthProbe");

export type ComponentReport = z.infer<typeof ComponentSchema>;

function route(path: string, summary: string, schema: z.ZodType, withFailure: boolean) {
  const body = { content: { "application/json": { schema: envelopeOf(schema) } } };
  return createRoute({
    method: "get",
    path,
    tags: ["health"],
    summary,
    // Probes call these without credentials: the document's default bearer scheme does not apply.
    security: [],
    responses: {
      200: { description: "healthy", ...body },
      ...(withFailure ? { 503: { description: "a required component is down", ...body } } : {}),
    },
  });
}

/** Runs one check with a timeout; the failure reason is logged, the report says only what failed. */
export async function runCheck(
  check: HealthCheck,
  timeoutMs: number,
  onFailure: (err: unknown) => void = () => {},
): Promise<ComponentReport> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "up", latency_ms: round(performance.now() - started) };
  } catch (err) {
    onFailure(err);
    const message =
      err instanceof Error && err.message.startsWith("timeout after") ? err.message : "check failed";
    return { status: "down", latency_ms: round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export interface HealthRouteOptions {
  checks: HealthChecks;
  version: string;
  startedAt: Date;
  /** @default 2000 */
  timeoutMs?: number;
}

export function registerHealth(app: OpenAPIHono<AppEnv>, opts: HealthRouteOptions): void {
  const { checks, version, startedAt, timeoutMs = 2000 } = opts;

  const probe = async (names: (keyof HealthChecks)[], logger: Logger | undefined) => {
    const entries = await Promise.all(
      names.flatMap((name) => {
        const check = checks[name];
        return check
          ? [
              runCheck(check, timeoutMs, (err) =>
                logger?.warn({ err, component: name }, "health check failed"),
              ).then((r) => [name, r] as const),
            ]
          : [];
      }),
    );
    const components = Object.fromEntries(entries);
    const down = entries.filter(([, r]) => r.status === "down").length;
    const status = down === 0 ? "ok" : down === entries.length ? "down" : "degraded";
    return { status, components } as z.infer<typeof ProbeSchema>;
  };

  app.openapi(route("/health", "Process status and version", HealthSchema, false), (c) =>
    ok(c, {
      status: "ok" as const,
      version,
      uptime_seconds: Math.max(0, Math.round((c.get("clock")().getTime() - startedAt.getTime()) / 1000)),
    }),
  );
  app.openapi(route("/health/live", "Liveness: the event loop answers", ProbeSchema, false), (c) =>
    ok(c, { status: "ok" as const, components: {} }),
  );
  app.openapi(
    route("/health/ready", "Readiness: database and Redis reachable", ProbeSchema, true),
    async (c) => {
      const report = await probe(["database", "redis"], c.get("logger"));
      return ok(c, report, report.status === "ok" ? 200 : 503);
    },
  );
  app.openapi(route("/health/deep", "Every component with its latency", ProbeSchema, true), async (c) => {
    const report = await probe(["database", "redis", "storage", "virus_scanner"], c.get("logger"));
    return ok(c, report, report.status === "ok" ? 200 : 503);
  });
}
