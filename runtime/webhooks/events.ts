// The events a tenant can subscribe to, the Standard Webhooks payload they travel in, and
// subscription filters: exact types, a group ("document.*") or everything ("*").
import { randomUUID } from "node:crypto";
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = [
  "document.created",
  "document.updated",
  "document.deleted",
  "document.shared",
  /** An upload or a stored document the virus scanner found infected (runtime/scan). */
  "document.quarantined",
  "compliance.check_completed",
  "ai.processing_completed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const GROUPS = [...new Set(WEBHOOK_EVENT_TYPES.map((t) => `${t.split(".")[0]}.*`))];
/** Every value a filter entry may take. */
export const EVENT_FILTER_VALUES: readonly string[] = ["*", ...GROUPS, ...WEBHOOK_EVENT_TYPES];

export const EventFilterSchema = z
  .array(
    z.string().refine((v) => EVENT_FILTER_VALUES.includes(v), {
      error: (i) => `"${String(i.input)}" is not one of [${EVENT_FILTER_VALUES.join(", ")}]`,
    }),
  )
  .min(1, 'list at least one event type ("*" for all)')
  .max(EVENT_FILTER_VALUES.length);

export function matchesFilter(filter: readonly string[], type: WebhookEventType): boolean {
  return filter.some((f) => f === "*" || f === type || (f.endsWith(".*") && type.startsWith(f.slice(0, -1))));
}

export interface WebhookEvent<T = Record<string, unknown>> {
  /** The webhook-id: the same on every attempt, so receivers can drop duplicates. */
  id: string;
  type: WebhookEventType;
  /** When the event happened (the payload's timestamp, not the attempt's). */
  timestamp: Date;
  data: T;
}

export const newMessageId = () => `msg_${randomUUID().replaceAll("-", "")}`;

export function createEvent<T extends Record<string, unknown>>(
  type: WebhookEventType,
  data: T,
  timestamp = new Date(),
): WebhookEvent<T> {
  return { id: newMessageId(), type, timestamp, data };
}

/** The body: Standard Webhooks' `{type, timestamp, data}` envelope, serialized once and signed as is. */
export function eventBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp.toISOString(), data: event.data });
}
