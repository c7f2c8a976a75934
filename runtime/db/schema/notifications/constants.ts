/** How a user wants to be told by e-mail. In-app notifications are always kept. */
export const NOTIFICATION_MODES = ["immediate", "digest", "off"] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

/**
 * Where a notification's e-mail stands: `pending` (queued to send now), `digest` (waits for the
 * user's daily digest), `sent`, `off` (the user turned e-mail off for it), `failed` (retries
 * exhausted; kept for a later resend), `no_address` (the user has no usable e-mail).
 */
export const EMAIL_STATUSES = ["pending", "digest", "sent", "off", "failed", "no_address"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
