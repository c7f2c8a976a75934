// Standard Webhooks headers, signed by the reference library: one `v1,<base64>` signature per
// active secret, space-separated, so a receiver holding either secret verifies.
import { Webhook } from "standardwebhooks";

export interface SignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

export function signatureHeaders(
  messageId: string,
  timestamp: Date,
  body: string,
  secrets: readonly string[],
): SignatureHeaders {
  if (secrets.length === 0) throw new Error("an endpoint needs at least one active secret to sign with");
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": secrets.map((s) => new Webhook(s).sign(messageId, timestamp, body)).join(" "),
  };
}
