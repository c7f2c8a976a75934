// One recorded attempt of one delivery row: load the row and its endpoint, sign and send with
// deliver(), then write the result (and every attempt into the row's log) and, on 410, disable
// the endpoint. The HTTP call runs outside any transaction. Shared by the queue worker and the
// test-ping route; only the worker schedules the next attempt.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { SecretBox } from "../auth/secret-box.ts";
import type { TenantTx } from "../db/index.ts";
import {
  type DELIVERY_STATUSES,
  type DeliveryAttemptRecord,
  webhookDeliveries,
  webhookEndpoints,
} from "../db/schema/index.ts";
import { type DeliveryResult, deliver } from "./deliver.ts";
import { openSecrets } from "./endpoint-secrets.ts";
import type { WebhookEvent, WebhookEventType } from "./events.ts";
import { RETRY_SCHEDULE_MS } from "./schedule.ts";
import { activeSecrets } from "./secrets.ts";
import type { DestinationPolicy } from "./ssrf.ts";
import type { FetchLike } from "./transport.ts";

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DISABLED_BY_RECEIVER = "receiver answered 410 Gone";

export interface AttemptDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  secretBox: SecretBox;
  /** WEBHOOKS_ALLOW_PRIVATE / WEBHOOKS_ALLOW_HTTP; checked again at every attempt. */
  policy: DestinationPolicy;
  /** Tests only: another transport (the default pins the vetted addresses). */
  fetch?: FetchLike;
  timeoutMs?: number;
  clock?: () => Date;
  /**
   * Delay before attempt n+1 after attempt n failed, at index n (index 0 is the first attempt's).
   * @default RETRY_SCHEDULE_MS (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h)
   */
  schedule?: readonly number[];
}

export interface AttemptRequest {
  tenantId: string;
  deliveryId: string;
  attempt: number;
  manual: boolean;
}

export interface AttemptOutcome {
  eventId: string;
  endpointId: string;
  status: DeliveryStatus;
  result: DeliveryResult;
  /** Set when the caller should schedule attempt + 1 after this many ms. */
  retryInMs: number | null;
}

/** Null when there is nothing to do: the row or endpoint is gone, already delivered, or disabled. */
export async function attemptDelivery(
  deps: AttemptDeps,
  req: AttemptRequest,
  { retry }: { retry: boolean },
): Promise<AttemptOutcome | null> {
  const now = (deps.clock ?? (() => new Date()))();
  const schedule = deps.schedule ?? RETRY_SCHEDULE_MS;
  const loaded = await deps.databases.withTenant(req.tenantId, async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(
        webhookEndpoints,
        and(
          eq(webhookEndpoints.tenantId, webhookDeliveries.tenantId),
          eq(webhookEndpoints.id, webhookDeliveries.endpointId),
        ),
      )
      .where(eq(webhookDeliveries.id, req.deliveryId));
    if (!row) return null;
    // A queued retry finding the message already delivered (a manual redelivery won) stops.
    if (!req.manual && row.delivery.status === "delivered") return null;
    if (row.endpoint.disabledAt) {
      await tx
        .update(webhookDeliveries)
        .set({
          status: "failed",
          lastError: `endpoint is disabled (${row.endpoint.disabledReason ?? "by an admin"})`,
          nextAttemptAt: null,
          updatedAt: now,
        })
        .where(eq(webhookDeliveries.id, req.deliveryId));
      return null;
    }
    return row;
  });
  if (!loaded) return null;
  const { delivery, endpoint } = loaded;

  const secrets = activeSecrets(
    openSecrets(deps.secretBox, req.tenantId, endpoint.id, endpoint.secrets),
    now,
  ).map((s) => s.secret);
  const event: WebhookEvent = {
    id: delivery.eventId,
    // Stored as text: the ping is not a subscribable type, but it is signed and sent the same way.
    type: delivery.eventType as WebhookEventType,
    timestamp: new Date(delivery.payload.timestamp),
    data: delivery.payload.data,
  };
  const result = await deliver({ url: endpoint.url, secrets }, event, {
    ...deps.policy,
    attempt: req.attempt,
    now,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  });

  // deliver() judges the response; when the next attempt happens is this schedule's business.
  const delay = result.outcome === "retry" && retry ? schedule[req.attempt] : undefined;
  const status: DeliveryStatus =
    result.outcome === "delivered"
      ? "delivered"
      : result.outcome === "disabled"
        ? "disabled"
        : delay !== undefined
          ? "retrying"
          : "failed";
  const nextAttemptAt = delay === undefined ? null : new Date(now.getTime() + delay);
  const record: DeliveryAttemptRecord = {
    attempt: req.attempt,
    manual: req.manual,
    attemptedAt: now.toISOString(),
    outcome:
      status === "retrying"
        ? "retry"
        : status === "delivered"
          ? "delivered"
          : status === "disabled"
            ? "disabled"
            : "failed",
    statusCode: result.status,
    durationMs: result.durationMs,
    error: result.error,
    nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
  };
  await deps.databases.withTenant(req.tenantId, async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        manual: req.manual,
        lastStatusCode: result.status,
        lastError: result.error,
        responseSnippet: result.responseSnippet,
        attemptLog: sql`${webhookDeliveries.attemptLog} || ${JSON.stringify([record])}::jsonb`,
        lastAttemptAt: now,
        nextAttemptAt,
        ...(status === "delivered" ? { deliveredAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(webhookDeliveries.id, req.deliveryId));
    if (result.disabled) {
      await tx
        .update(webhookEndpoints)
        .set({ disabledAt: now, disabledReason: DISABLED_BY_RECEIVER, updatedAt: now })
        .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.disabledAt)));
    }
  });
  return { eventId: delivery.eventId, endpointId: endpoint.id, status, result, retryInMs: delay ?? null };
}
