import type { App } from "../../app/index.ts";
import { registerListNotifications } from "./list-notifications.ts";
import { registerMarkRead } from "./mark-read.ts";
import { registerPreferences } from "./preferences.ts";
import type { NotificationRouteDeps } from "./schemas.ts";

export {
  ListNotificationsQuery,
  listNotificationsRoute,
  NotificationPageSchema,
} from "./list-notifications.ts";
export { markReadRoute, NotificationParams } from "./mark-read.ts";
export {
  getPreferencesRoute,
  PreferencesSchema,
  PutPreferencesBody,
  putPreferencesRoute,
} from "./preferences.ts";
export { type NotificationRouteDeps, NotificationSchema } from "./schemas.ts";

/** Registers /api/v2/notifications/* (fixed paths before /{id}: Hono matches in order). */
export function registerNotificationRoutes(deps: NotificationRouteDeps): (app: App) => void {
  return (app) => {
    registerPreferences(app, deps);
    registerListNotifications(app, deps);
    registerMarkRead(app, deps);
  };
}
