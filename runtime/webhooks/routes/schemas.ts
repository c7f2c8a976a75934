// What the /api/v2/webhooks routes share: the endpoint's and the delivery's public shapes (never a
// secret), path parameters, the page cursor, and the URL check with the SSRF guard.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError, refusedCursor } from "../../app/index.ts";
import type { WebhookDelivery, WebhookEndpoint } from "../../db/schema/index.ts";
import { DELIVERY_STATUSES } from "../../db/schema/index.ts";
import { EVENT_FILTER_VALUES, EventFilterSchema } from "../events.ts";
import { checkDestination, type DestinationPolicy } from "../ssrf.ts";

export { errorResponses } from "../../auth/routes/schemas.ts";

/** EventFilterSchema's rules, with the OpenAPI description (a plain zod schema has no .openapi). */
// An enum in the document too, so a client knows every filter value and none is refused after
// the schema allowed it.
export const EventsField = z
  .array(
    z.enum(EVENT_FILTER_VALUES as [string, ...string[]], {
      error: (i) => `"${String(i.input)}" is not one of [${EVENT_FILTER_VALUES.join(", ")}]`,
    }),
  )
  .min(1, 'list at least one event type ("*" for all)')
  .max(EVENT_FILTER_VALUES.length)
  .pipe(EventFilterSchema)
  .openapi({
    description: `event types to receive: ${EVENT_FILTER_VALUES.join(", ")}`,
    example: ["document.*", "compliance.check_completed"],
  });
// A URL in the document too (format uri), so text that is none is a schema violation (400); a URL
// the SSRF guard refuses is 422.
export const UrlField = z
  .url({ error: "is not a valid absolute URL" })
  .max(2048)
  .openapi({ description: "https URL of the receiver", example: "https://hooks.example.com/wspec" });
export const DescriptionField = z.string().max(500);

export const WebhookEndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabled_at: z.string().nullable(),
    disabled_reason: z.string().nullable(),
    /** While a rotation's overlap runs, the previous secret still signs until this time. */
    previous_secret_expires_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("WebhookEndpoint");

export function endpointView(e: WebhookEndpoint, now: Date): z.infer<typeof WebhookEndpointSchema> {
  const previous = e.secrets
    .map((s) => s.expiresAt)
    .filter((x): x is string => x !== null && new Date(x) > now)
    .sort()
    .at(-1);
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.eventTypes,
    enabled: e.disabledAt === null,
    disabled_at: e.disabledAt?.toISOString() ?? null,
    disabled_reason: e.disabledReason,
    previous_secret_expires_at: previous ?? null,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export const DeliverySchema = z
  .object({
    id: z.uuid(),
    endpoint_id: z.uuid(),
    event_id: z.string(),
    event_type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    manual: z.boolean(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    response_snippet: z.string(),
    attempt_log: z.array(
      z.object({
        attempt: z.number().int(),
        manual: z.boolean(),
        attempted_at: z.string(),
        outcome: z.enum(["delivered", "retry", "failed", "disabled"]),
        status_code: z.number().int().nullable(),
        duration_ms: z.number().int(),
        error: z.string().nullable(),
        next_attempt_at: z.string().nullable(),
      }),
    ),
    last_attempt_at: z.string().nullable(),
    next_attempt_at: z.string().nullable(),
    delivered_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("WebhookDelivery");

export function deliveryView(d: WebhookDelivery): z.infer<typeof DeliverySchema> {
  return {
    id: d.id,
    endpoint_id: d.endpointId,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    manual: d.manual,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    response_snippet: d.responseSnippet,
    attempt_log: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      manual: a.manual,
      attempted_at: a.attemptedAt,
      outcome: a.outcome,
      status_code: a.statusCode,
      duration_ms: a.durationMs,
      error: a.error,
      next_attempt_at: a.nextAttemptAt,
    })),
    last_attempt_at: d.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
  };
}

const uuidParam = (name: string) =>
  z.uuid().openapi({ param: { name, in: "path" }, example: "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f" });
export const EndpointIdParam = z.object({ id: uuidParam("id") });
export const DeliveryIdParams = z.object({ id: uuidParam("id"), delivery_id: uuidParam("delivery_id") });

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().openapi({ description: "next_cursor of the previous page" }),
});

/** Opaque page cursor: the last row's (created_at, id), the order both lists use. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (!id || !z.uuid().safeParse(id).success || Number.isNaN(createdAt.getTime())) {
    throw refusedCursor("not a cursor returned by this list");
  }
  return { createdAt, id };
}

export function endpointNotFound(id: string): ApiError {
  return new ApiError({ code: "NOT_FOUND", message: `webhook endpoint ${id} not found` });
}

/**
 * The SSRF guard at the door: a refused URL (private, unresolvable, plain http) is a 422 naming url
 * and the reason, since it is a URL the schema accepts; nothing is stored.
 */
export async function checkUrl(url: string, policy: DestinationPolicy): Promise<string> {
  const destination = await checkDestination(url, policy);
  if (!destination.ok) {
    throw new ApiError({
      code: "UNPROCESSABLE_ENTITY",
      message: `invalid body: url (${destination.reason})`,
      details: [{ field: "url", message: destination.reason }],
    });
  }
  return destination.url.href;
}

export function now(c: Context): Date {
  return (c.get("clock") ?? (() => new Date()))();
}
