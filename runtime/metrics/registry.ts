// The runtime's Prometheus metrics, in their own registry (no global state between tests or
// between the API and a worker started in one process). Every label takes values from a closed
// set (route templates, tiers, step names, enums): a tenant id or a raw path never becomes a
// label, so the number of series does not grow with tenants or traffic. Per-tenant usage is
// billing data and lives in the database, not here.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type MetricsProcess = "api" | "worker";

export interface RuntimeMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<"method" | "route" | "status" | "tier">;
  readonly httpDuration: Histogram<"method" | "route" | "tier">;
  readonly authFailures: Counter<"reason">;
  readonly pipelineSteps: Counter<"step" | "outcome">;
  readonly pipelineStepDuration: Histogram<"step" | "outcome">;
  readonly webhookDeliveries: Counter<"outcome">;
  readonly dbPoolBusy: Counter;
  readonly storageDuration: Histogram<"operation" | "outcome">;
  readonly modelTokens: Counter<"purpose" | "kind">;
}

export function createRuntimeMetrics(process: MetricsProcess): RuntimeMetrics {
  const registry = new Registry();
  // Lets one Prometheus job scrape both processes and still tell them apart.
  registry.setDefaultLabels({ process });
  collectDefaultMetrics({ register: registry, prefix: "wspec_runtime_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "wspec_http_requests_total",
      help: "API requests by method, route template, status code and tenant tier (none before authentication).",
      labelNames: ["method", "route", "status", "tier"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "wspec_http_request_duration_seconds",
      help: "API request duration by method, route template and tenant tier.",
      labelNames: ["method", "route", "tier"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    authFailures: new Counter({
      name: "wspec_auth_failures_total",
      help: "Requests refused by authentication (401) or authorization (403), by reason.",
      labelNames: ["reason"],
      registers: [registry],
    }),
    pipelineSteps: new Counter({
      name: "wspec_pipeline_steps_total",
      help: "Pipeline step runs by step and outcome (success, retry: another attempt follows, failed: none does).",
      labelNames: ["step", "outcome"],
      registers: [registry],
    }),
    pipelineStepDuration: new Histogram({
      name: "wspec_pipeline_step_duration_seconds",
      help: "Pipeline step run time (one attempt, from pick-up to finish) by step and outcome.",
      labelNames: ["step", "outcome"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: "wspec_webhook_deliveries_total",
      help: "Webhook delivery attempts by outcome (the delivery's status after the attempt, or error/skipped).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    dbPoolBusy: new Counter({
      name: "wspec_db_pool_busy_total",
      help: "Requests refused with 503 because the tenant's database pool or connection budget was full.",
      registers: [registry],
    }),
    modelTokens: new Counter({
      name: "wspec_model_tokens_total",
      help: "Tokens of external model calls as the provider reported them, by purpose (translation) and kind (prompt, completion).",
      labelNames: ["purpose", "kind"],
      registers: [registry],
    }),
    storageDuration: new Histogram({
      name: "wspec_storage_operation_duration_seconds",
      help: "Document storage calls (put, get: until the body starts, head, delete, signed_url, health) by outcome.",
      labelNames: ["operation", "outcome"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
}

/** What the pool sampler reads (runtime/db's TenantDatabases.stats()). */
export interface PoolStats {
  pools: number;
  budgeted: number;
  maxTotal: number;
  active: number;
  /** Transactions waiting for a tenant slot now. */
  waiting?: number;
  /** Transactions that waited for a slot since start, and their waits in seconds. */
  waits?: number;
  waitSeconds?: number;
}

/** Database pool use, read from the pools at each scrape. */
export function observePools(metrics: RuntimeMetrics, stats: () => PoolStats): void {
  const gauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(pick(stats()));
      },
    });
  gauge("wspec_db_pools", "Open tenant connection pools.", (s) => s.pools);
  gauge("wspec_db_connections_active", "Connections in use across all pools.", (s) => s.active);
  gauge("wspec_db_connections_budgeted", "Connections the open pools may hold together.", (s) => s.budgeted);
  gauge(
    "wspec_db_connections_max",
    "The connection budget of all pools (DB_POOL_MAX_TOTAL).",
    (s) => s.maxTotal,
  );
  gauge(
    "wspec_db_transactions_waiting",
    "Transactions waiting for one of their tenant's slots now.",
    (s) => s.waiting ?? 0,
  );
  // Cumulative in TenantDatabases: the counters take its totals at each scrape.
  const total = (name: string, help: string, pick: (s: PoolStats) => number) =>
    new Counter({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.reset();
        this.inc(pick(stats()));
      },
    });
  total(
    "wspec_db_transaction_waits_total",
    "Transactions that had to wait for a tenant slot.",
    (s) => s.waits ?? 0,
  );
  total(
    "wspec_db_transaction_wait_seconds_total",
    "Time transactions spent waiting for a tenant slot, in all.",
    (s) => s.waitSeconds ?? 0,
  );
}
