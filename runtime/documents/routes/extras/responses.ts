import { ErrorEnvelopeSchema } from "../../../app/index.ts";

const TEXT: Record<number, string> = {
  400: "invalid input, naming each bad field",
  401: "not authenticated",
  403: "the role or scopes lack the route's permission",
  404: "not found in this tenant, or not visible to the caller",
  409: "conflicts with the tenant's current data",
};

/** OpenAPI error responses in the error envelope for the given statuses. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409)[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: TEXT[s] ?? "error", content: { "application/json": { schema: ErrorEnvelopeSchema } } },
    ]),
  ) as Record<
    number,
    { description: string; content: { "application/json": { schema: typeof ErrorEnvelopeSchema } } }
  >;
}
