// GET and PUT /api/v2/notifications/preferences (notifications:read): how the caller is told by
// e-mail, per event type (`*` for every type without its own): immediate, daily digest, or off.
// In-app notifications are always kept. PUT replaces the listed types' preferences only.
import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq, sql } from "drizzle-orm";
import { type App, jsonResponse, ok, unprocessableField } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import type { TenantTx } from "../../db/index.ts";
import { notificationPreferences } from "../../db/schema/index.ts";
import { callerUser, errorResponses, type NotificationRouteDeps, PreferenceSchema } from "./schemas.ts";

export const PreferencesSchema = z
  .object({
    preferences: z.array(PreferenceSchema),
    default_mode: z
      .literal("immediate")
      .openapi({ description: "for a type with neither its own nor a * preference" }),
  })
  .openapi("NotificationPreferences");

export const PutPreferencesBody = z
  .strictObject({
    preferences: z
      .array(
        z.strictObject({ event_type: PreferenceSchema.shape.event_type, mode: PreferenceSchema.shape.mode }),
      )
      .min(1, "must list at least one preference")
      .max(20, "must list at most 20 preferences"),
  })
  .openapi("PutNotificationPreferencesRequest");

export const getPreferencesRoute = createRoute({
  method: "get",
  path: "/api/v2/notifications/preferences",
  tags: ["notifications"],
  summary: "The caller's e-mail preferences",
  ...guardedBy("notifications:read"),
  responses: {
    200: jsonResponse("the preferences", PreferencesSchema),
    ...errorResponses(401, 403),
  },
});

export const putPreferencesRoute = createRoute({
  method: "put",
  path: "/api/v2/notifications/preferences",
  tags: ["notifications"],
  summary: "Set the caller's e-mail preferences for some event types",
  ...guardedBy("notifications:read"),
  request: { body: { required: true, content: { "application/json": { schema: PutPreferencesBody } } } },
  responses: {
    200: jsonResponse("all of the caller's preferences after the change", PreferencesSchema),
    ...errorResponses(400, 401, 403, 422),
  },
});

async function list(tx: TenantTx, userId: string) {
  const rows = await tx
    .select({ event_type: notificationPreferences.eventType, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
    .orderBy(asc(notificationPreferences.eventType));
  return { preferences: rows as z.infer<typeof PreferenceSchema>[], default_mode: "immediate" as const };
}

export function registerPreferences(app: App, deps: NotificationRouteDeps): void {
  app.openapi(getPreferencesRoute, async (c) => {
    const { tenantId, userId } = callerUser(c);
    return ok(c, await deps.databases.withTenant(tenantId, (tx) => list(tx, userId)), 200);
  });
  app.openapi(putPreferencesRoute, async (c) => {
    const { tenantId, userId } = callerUser(c);
    const { preferences } = c.req.valid("json");
    const seen = new Set<string>();
    for (const [i, p] of preferences.entries()) {
      if (seen.has(p.event_type)) {
        throw unprocessableField(`preferences.${i}.event_type`, `${p.event_type} is listed twice`);
      }
      seen.add(p.event_type);
    }
    const result = await deps.databases.withTenant(tenantId, async (tx) => {
      await tx
        .insert(notificationPreferences)
        .values(preferences.map((p) => ({ tenantId, userId, eventType: p.event_type, mode: p.mode })))
        .onConflictDoUpdate({
          target: [
            notificationPreferences.tenantId,
            notificationPreferences.userId,
            notificationPreferences.eventType,
          ],
          set: { mode: sql`excluded.mode`, updatedAt: sql`now()` },
        });
      return list(tx, userId);
    });
    return ok(c, result, 200);
  });
}
