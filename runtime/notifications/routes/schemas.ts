// Shapes, errors and the caller check shared by the /api/v2/notifications routes.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError, errorResponses as describeErrors, requireTenant } from "../../app/index.ts";
import type { TenantTx } from "../../db/index.ts";
import { EMAIL_STATUSES, NOTIFICATION_MODES, type Notification } from "../../db/schema/index.ts";
import { NOTIFICATION_TYPES } from "../templates.ts";

export interface NotificationRouteDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
}

export const errorResponses = describeErrors({
  400: "bad query, body or cursor",
  403: "the caller's role or scopes lack notifications:read, or the caller is an API key (notifications are a user's)",
});

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()),
    email_status: z.enum(EMAIL_STATUSES),
    emailed_at: z.string().nullable(),
    read_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Notification");

export function notificationView(n: Notification): z.infer<typeof NotificationSchema> {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    data: n.data,
    email_status: n.emailStatus,
    emailed_at: n.emailedAt?.toISOString() ?? null,
    read_at: n.readAt?.toISOString() ?? null,
    created_at: n.createdAt.toISOString(),
  };
}

export const EventType = z
  .enum(["*", ...NOTIFICATION_TYPES], { error: `must be one of *, ${NOTIFICATION_TYPES.join(", ")}` })
  .openapi({ description: "an event type, or * for every type without its own preference" });

export const Mode = z.enum(NOTIFICATION_MODES, { error: `must be one of ${NOTIFICATION_MODES.join(", ")}` });

export const PreferenceSchema = z
  .object({ event_type: EventType, mode: Mode })
  .openapi("NotificationPreference");

/** The signed-in user: notifications belong to users, an API key has none. */
export function callerUser(c: Context): { tenantId: string; userId: string } {
  const { tenant, principal } = requireTenant(c);
  if (principal?.kind !== "user") {
    throw new ApiError({
      code: "FORBIDDEN",
      message: "notifications belong to users: sign in as a user, not with an API key",
      details: [{ field: "authorization", message: "an API key has no notifications" }],
    });
  }
  return { tenantId: tenant.id, userId: principal.id };
}
