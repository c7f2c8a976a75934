// One delivery attempt: guard the destination, sign, POST with a timeout, and say what happens
// next (done, retry at a time, give up, or disable the endpoint). It never sleeps and never
// throws for a receiver's behaviour; the queue stores the result and schedules the retry.
import { eventBody, type WebhookEvent } from "./events.ts";
import { nextAttemptAt, verdictFor } from "./schedule.ts";
import { signatureHeaders } from "./signing.ts";
import { checkDestination, type DestinationPolicy } from "./ssrf.ts";
import { type FetchLike, pinnedTransport } from "./transport.ts";

/** Standard Webhooks suggests receivers answer quickly; a slow one is retried later. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Characters of the receiver's reply kept in the delivery log. */
export const RESPONSE_SNIPPET_CHARS = 1024;
export const USER_AGENT = "wspec-webhooks/1.0";

export interface DeliveryEndpoint {
  url: string;
  /** Active secrets, newest first (see activeSecrets). */
  secrets: readonly string[];
}

export interface DeliverOptions extends DestinationPolicy {
  /** 1-based number of this attempt (BullMQ: attemptsMade + 1). Default 1. */
  attempt?: number;
  /** The clock: the signed timestamp and the base of nextAttemptAt. Default: the current time. */
  now?: Date;
  /** Default: a transport pinned to the addresses the guard vetted. */
  fetch?: FetchLike;
  timeoutMs?: number;
}

export type DeliveryOutcome = "delivered" | "retry" | "failed" | "disabled";

export interface DeliveryResult {
  messageId: string;
  attempt: number;
  attemptedAt: Date;
  outcome: DeliveryOutcome;
  /** The receiver's HTTP status; null when no response came (refused, unreachable, timeout). */
  status: number | null;
  durationMs: number;
  responseSnippet: string;
  error: string | null;
  /** Set only when outcome is "retry". */
  nextAttemptAt: Date | null;
  /** The endpoint answered 410 Gone: stop sending to it. */
  disabled: boolean;
}

export async function deliver(
  endpoint: DeliveryEndpoint,
  event: WebhookEvent,
  options: DeliverOptions = {},
): Promise<DeliveryResult> {
  const { attempt = 1, now = new Date(), timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  // A caller's bug, not the receiver's: throw rather than log a delivery that could never be signed.
  if (endpoint.secrets.length === 0)
    throw new Error("endpoint has no active secret: rotate one before delivering");
  const started = performance.now();
  const result = (
    fields: Pick<DeliveryResult, "status" | "responseSnippet" | "error"> & {
      retry: boolean;
      disabled?: boolean;
    },
  ): DeliveryResult => {
    const next = fields.retry ? nextAttemptAt(attempt, now) : null;
    const disabled = fields.disabled ?? false;
    return {
      messageId: event.id,
      attempt,
      attemptedAt: now,
      // Every path but a 2xx carries an error.
      outcome: disabled ? "disabled" : fields.error === null ? "delivered" : next ? "retry" : "failed",
      status: fields.status,
      durationMs: Math.round(performance.now() - started),
      responseSnippet: fields.responseSnippet,
      error: fields.error,
      nextAttemptAt: next,
      disabled,
    };
  };

  const destination = await checkDestination(endpoint.url, options);
  if (!destination.ok) {
    // A refused URL stays refused; only a failed lookup is worth another try.
    return result({
      status: null,
      responseSnippet: "",
      error: destination.reason,
      retry: destination.transient,
    });
  }

  const body = eventBody(event);
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    ...signatureHeaders(event.id, now, body, endpoint.secrets),
  };
  const send = options.fetch ?? pinnedTransport(destination.addresses);
  try {
    const res = await send(destination.url.href, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
    const snippet = (await res.text()).slice(0, RESPONSE_SNIPPET_CHARS);
    const verdict = verdictFor(res.status);
    return result({
      status: res.status,
      responseSnippet: snippet,
      error: verdict === "delivered" ? null : `receiver answered HTTP ${res.status}`,
      retry: verdict === "retry",
      disabled: verdict === "disable",
    });
  } catch (err) {
    const name = (err as Error).name;
    const error =
      name === "TimeoutError" || name === "AbortError"
        ? `no response within ${timeoutMs} ms`
        : `request failed: ${(err as { code?: string }).code ?? (err as Error).message}`;
    return result({ status: null, responseSnippet: "", error, retry: true });
  }
}
