// GET /api/v2/notifications (notifications:read): the caller's own notifications, newest first,
// optionally only the unread ones, in keyset pages.
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { type App, jsonResponse, ok, pageSchema, refusedCursor } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { notifications } from "../../db/schema/index.ts";
import {
  callerUser,
  errorResponses,
  type NotificationRouteDeps,
  NotificationSchema,
  notificationView,
} from "./schemas.ts";

const LIMIT = "must be an integer from 1 to 100";

export const ListNotificationsQuery = z.strictObject({
  unread: z
    .enum(["true", "false"], { error: "must be true or false" })
    .transform((v) => v === "true")
    .optional()
    .openapi({ description: "true: only notifications not yet marked read" }),
  limit: z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(100, LIMIT).default(20),
  cursor: z.string().max(200, "must be at most 200 characters").optional().openapi({
    description: "next_cursor of the previous page",
  }),
});

const Cursor = z.tuple([z.iso.datetime(), z.uuid()]);

function decode(cursor: string): { createdAt: Date; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw refusedCursor("not a cursor this API issued");
  }
  const r = Cursor.safeParse(parsed);
  if (!r.success) throw refusedCursor("not a cursor this API issued");
  return { createdAt: new Date(r.data[0]), id: r.data[1] };
}

const encode = (n: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([n.createdAt.toISOString(), n.id])).toString("base64url");

export const NotificationPageSchema = pageSchema(NotificationSchema, "NotificationPage");

export const listNotificationsRoute = createRoute({
  method: "get",
  path: "/api/v2/notifications",
  tags: ["notifications"],
  summary: "The caller's notifications, newest first",
  ...guardedBy("notifications:read"),
  request: { query: ListNotificationsQuery },
  responses: {
    200: jsonResponse("a page of notifications", NotificationPageSchema),
    ...errorResponses(400, 401, 403),
  },
});

export function registerListNotifications(app: App, deps: NotificationRouteDeps): void {
  app.openapi(listNotificationsRoute, async (c) => {
    const { tenantId, userId } = callerUser(c);
    const q = c.req.valid("query");
    const after = q.cursor ? decode(q.cursor) : undefined;
    const rows = await deps.databases.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            q.unread ? isNull(notifications.readAt) : undefined,
            after
              ? or(
                  lt(notifications.createdAt, after.createdAt),
                  and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.limit + 1),
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return ok(
      c,
      { items: page.map(notificationView), next_cursor: rows.length > q.limit && last ? encode(last) : null },
      200,
    );
  });
}
