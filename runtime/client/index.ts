// The runtime API's typed client: openapi-fetch over the types openapi-typescript generates from
// the server's own OpenAPI document (openapi.ts, written by `npm run generate:client`; a test
// fails when it no longer matches the server). Paths, parameters, bodies and responses are
// checked by the compiler, so a caller cannot drift from the API.
//
// @example
// const api = wspecClient("http://127.0.0.1:8081", { token });
// const { data, error, response } = await api.GET("/api/v2/documents/{id}", { params: { path: { id } } });
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./openapi.ts";

export type { components, paths };
export type WspecClient = Client<paths>;
/** A schema of the document by name, e.g. `Schema<"Document">`. */
export type Schema<N extends keyof components["schemas"]> = components["schemas"][N];

export interface WspecClientOptions {
  /** An access token or API key, sent as `Authorization: Bearer …`. */
  token?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export function wspecClient(baseUrl: string, opts: WspecClientOptions = {}): WspecClient {
  return createClient<paths>({
    baseUrl,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
  });
}
