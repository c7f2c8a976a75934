// Fan-out: an event of a tenant becomes one delivery row and one queued job per enabled endpoint
// whose filter matches. The row's unique (tenant, event, endpoint) key and the job's deterministic
// id make a repeated fan-out of the same event a no-op, so callers may retry freely.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { TenantTx } from "../db/index.ts";
import { webhookDeliveries, webhookEndpoints } from "../db/schema/index.ts";
import { matchesFilter, newMessageId, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./events.ts";
import { type DeliveryQueue, deliveryJobId } from "./queue.ts";

export interface DispatchDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  queue: Pick<DeliveryQueue, "enqueue">;
  clock?: () => Date;
}

export interface OutgoingEvent {
  /**
   * The webhook-id. Give a deterministic one (e.g. `evt_<documentId>_v<version>_<type>`) when the
   * same event may be emitted twice; without it a random `msg_…` is used.
   */
  id?: string;
  type: WebhookEventType;
  tenantId: string;
  data: Record<string, unknown>;
  /** When it happened. @default now */
  timestamp?: Date;
}

/** The ids receivers see in webhook-id: printable, and short enough for a BullMQ job id. */
const EVENT_ID = /^[A-Za-z0-9_.-]{1,200}$/;

/** Returns how many deliveries this call created (0 for a repeat of an event already fanned out). */
export async function fanOut(deps: DispatchDeps, event: OutgoingEvent): Promise<number> {
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(event.type))
    throw new Error(`webhook event type "${event.type}" is not one of [${WEBHOOK_EVENT_TYPES.join(", ")}]`);
  if (event.id !== undefined && !EVENT_ID.test(event.id))
    throw new Error(`webhook event id ${JSON.stringify(event.id)} must be 1-200 of [A-Za-z0-9_.-]`);
  const eventId = event.id ?? newMessageId();
  const timestamp = event.timestamp ?? (deps.clock ?? (() => new Date()))();

  const { created, queued } = await deps.databases.withTenant(event.tenantId, async (tx) => {
    const endpoints = await tx
      .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, event.tenantId), isNull(webhookEndpoints.disabledAt)));
    const targets = endpoints.filter((e) => matchesFilter(e.eventTypes, event.type)).map((e) => e.id);
    if (targets.length === 0) return { created: 0, queued: [] };
    const inserted = await tx
      .insert(webhookDeliveries)
      .values(
        targets.map((endpointId) => ({
          tenantId: event.tenantId,
          endpointId,
          eventId,
          eventType: event.type,
          payload: { type: event.type, timestamp: timestamp.toISOString(), data: event.data },
        })),
      )
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    // Rows never attempted are (re)queued: a crash between the commit and the enqueue must not
    // lose a delivery, and the deterministic job id keeps an already queued one single.
    const pending = await tx
      .select({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.eventId, eventId),
          inArray(webhookDeliveries.endpointId, targets),
          eq(webhookDeliveries.status, "pending"),
          eq(webhookDeliveries.attempts, 0),
          eq(webhookDeliveries.manual, false),
        ),
      );
    return { created: inserted.length, queued: pending };
  });

  for (const row of queued) {
    await deps.queue.enqueue(deliveryJobId(eventId, row.endpointId, 1), {
      tenantId: event.tenantId,
      deliveryId: row.id,
      attempt: 1,
      manual: false,
    });
  }
  return created;
}

/** What the pipeline's notify step calls (runtime/pipeline/handlers/deps.ts HandlerDeps.notify). */
export function webhookNotifier(deps: DispatchDeps): (event: OutgoingEvent) => Promise<number> {
  return (event) => fanOut(deps, event);
}
