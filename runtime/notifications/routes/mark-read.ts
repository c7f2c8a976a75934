// POST /api/v2/notifications/{id}/read (notifications:read): marks one of the caller's own
// notifications read (idempotent: the first read time is kept). Another user's is not found.
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { type App, jsonResponse, notFound, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { notifications } from "../../db/schema/index.ts";
import {
  callerUser,
  errorResponses,
  type NotificationRouteDeps,
  NotificationSchema,
  notificationView,
} from "./schemas.ts";

export const NotificationParams = z.strictObject({
  id: z.uuid("must be a uuid").openapi({ param: { name: "id", in: "path" } }),
});

export const markReadRoute = createRoute({
  method: "post",
  path: "/api/v2/notifications/{id}/read",
  tags: ["notifications"],
  summary: "Mark one of the caller's notifications read",
  ...guardedBy("notifications:read"),
  request: { params: NotificationParams },
  responses: {
    200: jsonResponse("the notification, read", NotificationSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerMarkRead(app: App, deps: NotificationRouteDeps): void {
  app.openapi(markReadRoute, async (c) => {
    const { tenantId, userId } = callerUser(c);
    const { id } = c.req.valid("param");
    const [row] = await deps.databases.withTenant(tenantId, (tx) =>
      tx
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
        .returning(),
    );
    if (!row) throw notFound("notification", id, "id");
    return ok(c, notificationView(row), 200);
  });
}
