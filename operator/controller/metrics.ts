// The operator's Prometheus metrics, in their own registry (no global state between tests).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type ReconcileResult = "success" | "requeue" | "error" | "stalled";
export type PulumiOperation = "up" | "destroy" | "preview" | "refresh" | "recover";

export interface OperatorMetrics {
  readonly registry: Registry;
  readonly reconciles: Counter<"result">;
  readonly reconcileDuration: Histogram<"result">;
  readonly queueDepth: Gauge;
  readonly pulumiOperations: Counter<"operation" | "result">;
  readonly pulumiDuration: Histogram<"operation" | "result">;
  readonly tenantsByPhase: Gauge<"phase">;
  readonly isLeader: Gauge;
  readonly operationConcurrency: Gauge;
}

export function createMetrics(): OperatorMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "wspec_operator_" });
  return {
    registry,
    reconciles: new Counter({
      name: "wspec_reconciles_total",
      help: "Tenant reconciles by result.",
      labelNames: ["result"],
      registers: [registry],
    }),
    reconcileDuration: new Histogram({
      name: "wspec_reconcile_duration_seconds",
      help: "Tenant reconcile duration by result (includes Pulumi operations it ran).",
      labelNames: ["result"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: "wspec_workqueue_depth",
      help: "Keys waiting in the work queue.",
      registers: [registry],
    }),
    pulumiOperations: new Counter({
      name: "wspec_pulumi_operations_total",
      help: "Pulumi operations started by the operator, by operation and result.",
      labelNames: ["operation", "result"],
      registers: [registry],
    }),
    pulumiDuration: new Histogram({
      name: "wspec_pulumi_operation_duration_seconds",
      help: "Pulumi operation duration by operation and result.",
      labelNames: ["operation", "result"],
      buckets: [0.5, 1, 2, 5, 10, 20, 40, 80, 160, 320, 640, 1800],
      registers: [registry],
    }),
    tenantsByPhase: new Gauge({
      name: "wspec_tenants",
      help: "Tenants by status.phase, as seen by the informer.",
      labelNames: ["phase"],
      registers: [registry],
    }),
    isLeader: new Gauge({
      name: "wspec_operator_leader",
      help: "1 while this process holds the leader lease.",
      registers: [registry],
    }),
    operationConcurrency: new Gauge({
      name: "wspec_pulumi_operation_concurrency",
      help: "How many Pulumi operations may run at once (fixed, or following the cores and CPU pressure).",
      registers: [registry],
    }),
  };
}
