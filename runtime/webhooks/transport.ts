// The default HTTP client for deliveries: node:http(s) connecting only to the addresses the SSRF
// guard vetted. Pinning the lookup closes the gap where a name re-resolves (DNS rebinding) to a
// private address between the check and the connection. No redirects are followed.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./ssrf.ts";

export interface WebhookRequest {
  method: "POST";
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  redirect: "manual";
}

export interface WebhookResponse {
  status: number;
  text(): Promise<string>;
}

/** What deliver() sends through: the global fetch fits, and so does pinnedTransport. */
export type FetchLike = (url: string, init: WebhookRequest) => Promise<WebhookResponse>;

/** Response bytes kept; a receiver's reply is only shown as a snippet. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (!first) {
      callback(Object.assign(new Error("no vetted address"), { code: "ENOTFOUND" }), "", 4);
      return;
    }
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [...addresses]);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

export interface TransportOptions {
  /** Trusted CA certificates instead of the system's, for receivers behind a private CA. */
  ca?: string | Buffer;
}

export function pinnedTransport(
  addresses: readonly ResolvedAddress[],
  options: TransportOptions = {},
): FetchLike {
  return (url, init) =>
    new Promise<WebhookResponse>((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === "https:" ? https : http;
      const req = client.request(
        target,
        {
          method: init.method,
          headers: { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) },
          lookup: pinnedLookup(addresses),
          signal: init.signal,
          // A fresh connection per delivery: a pooled socket could belong to another resolution.
          agent: false,
          ...(options.ca && target.protocol === "https:" ? { ca: options.ca } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () => {
            const text = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString("utf8");
            resolve({ status: res.statusCode ?? 0, text: async () => text });
          };
          res.on("data", (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= MAX_RESPONSE_BYTES) {
              done();
              res.destroy();
            }
          });
          res.on("end", done);
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(init.body);
    });
}
