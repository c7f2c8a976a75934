import type { App } from "../../app/index.ts";
import { registerCreateWebhook } from "./create-endpoint.ts";
import { registerDeleteWebhook } from "./delete-endpoint.ts";
import type { WebhookRouteDeps } from "./deps.ts";
import { registerGetWebhook } from "./get-endpoint.ts";
import { registerListDeliveries } from "./list-deliveries.ts";
import { registerListWebhooks } from "./list-endpoints.ts";
import { registerRedeliver } from "./redeliver.ts";
import { registerRotateWebhookSecret } from "./rotate-secret.ts";
import { registerTestWebhook } from "./test-endpoint.ts";
import { registerUpdateWebhook } from "./update-endpoint.ts";

export { CreateWebhookBody, createWebhookRoute } from "./create-endpoint.ts";
export type { WebhookRouteDeps } from "./deps.ts";
export { DeliverySchema, WebhookEndpointSchema } from "./schemas.ts";
export { PING_EVENT_TYPE } from "./test-endpoint.ts";
export { DISABLED_BY_ADMIN, UpdateWebhookBody } from "./update-endpoint.ts";

/** Registers /api/v2/webhooks (tenant admins: webhooks:manage). */
export function registerWebhookRoutes(deps: WebhookRouteDeps): (app: App) => void {
  return (app) => {
    registerCreateWebhook(app, deps);
    registerListWebhooks(app, deps);
    registerGetWebhook(app, deps);
    registerUpdateWebhook(app, deps);
    registerDeleteWebhook(app, deps);
    registerRotateWebhookSecret(app, deps);
    registerListDeliveries(app, deps);
    registerRedeliver(app, deps);
    registerTestWebhook(app, deps);
  };
}
