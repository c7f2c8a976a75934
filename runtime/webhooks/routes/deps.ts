import type { AuditKey } from "../../audit/index.ts";
import type { SecretBox } from "../../auth/secret-box.ts";
import type { TenantScope } from "../../auth/stores/index.ts";
import type { DeliveryQueue } from "../queue.ts";
import type { DestinationPolicy } from "../ssrf.ts";
import type { FetchLike } from "../transport.ts";

export interface WebhookRouteDeps {
  /** TenantDatabases (runtime/db): every query runs in the tenant's RLS transaction. */
  databases: TenantScope;
  /** Seals endpoint secrets at rest, bound to tenant and endpoint (the TOTP secrets' box). */
  secretBox: SecretBox;
  /** Where redeliveries go (the worker's queue). */
  queue: Pick<DeliveryQueue, "enqueue">;
  /** From WEBHOOKS_ALLOW_PRIVATE / WEBHOOKS_ALLOW_HTTP; checked at creation, update and delivery. */
  policy: DestinationPolicy;
  /** HMAC key(s) of each tenant's audit chain (runtime/audit AuditKey). */
  auditKey?: AuditKey;
  /** The test ping's transport (tests only; default: pinned to the vetted addresses). */
  fetch?: FetchLike;
  /** The test ping's timeout. @default DEFAULT_TIMEOUT_MS */
  timeoutMs?: number;
}
