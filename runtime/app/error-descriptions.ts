// What each error status means on any route, the wording a module's own descriptions override.
// Apart from error-responses.ts so that the OpenAPI document's completion (openapi-document.ts)
// can use it without importing the app.

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 422 | 429 | 501 | 503;

export const DEFAULT_ERROR_DESCRIPTIONS: Readonly<Partial<Record<ErrorStatus, string>>> = {
  400: "invalid input, naming each bad field",
  401: "not authenticated",
  403: "the role or scopes lack the route's permission",
  404: "not found in this tenant, or not visible to the caller",
  409: "conflicts with the tenant's current data",
  413: "the body exceeds the tenant tier's limit",
  415: "content type not allowed or contradicted by the bytes",
  416: "the range is not satisfiable",
  422: "the input is well-formed but cannot be processed as it is",
  429: "the tenant's request rate limit is exceeded; Retry-After says when to retry",
  501: "not configured on this server; the message says how to configure it",
  503: "a service the route depends on did not answer, or the tenant's database is busy (Retry-After)",
};
