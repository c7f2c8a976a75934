// The OpenAPI error responses a route declares: every one is the error envelope, and only the
// description differs, so a module states the wording that is its own and takes the rest from here.
import { ErrorEnvelopeSchema } from "./app.ts";
import { DEFAULT_ERROR_DESCRIPTIONS, type ErrorStatus } from "./error-descriptions.ts";

export { DEFAULT_ERROR_DESCRIPTIONS, type ErrorStatus };

export type ErrorResponses = Record<
  number,
  { description: string; content: { "application/json": { schema: typeof ErrorEnvelopeSchema } } }
>;

/**
 * A module's `errorResponses(...statuses)`: its own descriptions over the defaults; a status with
 * neither is described as "error".
 */
export function errorResponses(
  descriptions: Partial<Record<ErrorStatus, string>> = {},
): (...statuses: ErrorStatus[]) => ErrorResponses {
  const text: Partial<Record<ErrorStatus, string>> = { ...DEFAULT_ERROR_DESCRIPTIONS, ...descriptions };
  return (...statuses) =>
    Object.fromEntries(
      statuses.map((s) => [
        s,
        { description: text[s] ?? "error", content: { "application/json": { schema: ErrorEnvelopeSchema } } },
      ]),
    );
}
