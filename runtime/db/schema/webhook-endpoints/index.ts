export {
  type NewWebhookEndpoint,
  type StoredEndpointSecret,
  type WebhookEndpoint,
  webhookEndpoints,
} from "./webhook-endpoint.ts";
