export { EMAIL_STATUSES, type EmailStatus, NOTIFICATION_MODES, type NotificationMode } from "./constants.ts";
export {
  type Notification,
  type NotificationPreference,
  notificationPreferences,
  notifications,
} from "./notification.ts";
