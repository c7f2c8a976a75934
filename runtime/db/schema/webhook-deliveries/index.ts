export { DELIVERY_STATUSES } from "./constants.ts";
export {
  type DeliveryAttemptRecord,
  type NewWebhookDelivery,
  type WebhookDelivery,
  webhookDeliveries,
} from "./webhook-delivery.ts";
