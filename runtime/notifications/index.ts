// Notifications: in-app rows per user and e-mail through SMTP (immediate, daily digest or off per
// user and event type), sent through a BullMQ queue with retries.

export {
  complianceFailures,
  disposalNotifications,
  notifyingHooks,
  quarantineNotifications,
  shareNotifications,
} from "./events.ts";
export { MAIL_QUEUE, type MailJobData, MailQueue, type MailQueueOptions } from "./mail-queue.ts";
export {
  type MailWorker,
  type MailWorkerOptions,
  requeuePending,
  sendDigests,
  sendNotification,
  startMailWorker,
} from "./mail-worker.ts";
export { type Mail, type Mailer, type SmtpConfig, smtpMailer } from "./mailer.ts";
export { createNotifier, type Notifier, type NotifierDeps, type NotifyInput } from "./notifier.ts";
export {
  getPreferencesRoute,
  ListNotificationsQuery,
  listNotificationsRoute,
  markReadRoute,
  NotificationPageSchema,
  NotificationParams,
  type NotificationRouteDeps,
  NotificationSchema,
  PreferencesSchema,
  PutPreferencesBody,
  putPreferencesRoute,
  registerNotificationRoutes,
} from "./routes/index.ts";
export { NOTIFICATION_TYPES, type NotificationType, render, renderDigest, TEMPLATES } from "./templates.ts";
