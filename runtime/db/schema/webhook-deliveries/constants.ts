/**
 * pending: queued, not attempted yet; retrying: failed, next attempt scheduled; delivered: a 2xx;
 * failed: the schedule ran out or the URL is refused; disabled: the receiver answered 410 Gone.
 */
export const DELIVERY_STATUSES = ["pending", "retrying", "delivered", "failed", "disabled"] as const;
