// One closed set of error codes, one exception type and one renderer (unkey style): every error a
// client sees is `{error:{code, message, details}, meta}` with a status derived from its code.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { meta } from "./envelope.ts";

export const ERROR_CODES = [
  "BAD_REQUEST",
  "VALIDATION_ERROR",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RANGE_NOT_SATISFIABLE",
  "UNPROCESSABLE_ENTITY",
  "RATE_LIMITED",
  "INTERNAL_SERVER_ERROR",
  "NOT_IMPLEMENTED",
  "SERVICE_UNAVAILABLE",
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export interface ErrorDetail {
  field: string;
  message: string;
}

/** The status of each code: an exhaustive switch, so a new code cannot ship without one. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case "BAD_REQUEST":
    case "VALIDATION_ERROR":
      return 400;
    case "UNAUTHORIZED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "METHOD_NOT_ALLOWED":
      return 405;
    case "CONFLICT":
      return 409;
    case "PAYLOAD_TOO_LARGE":
      return 413;
    case "UNSUPPORTED_MEDIA_TYPE":
      return 415;
    case "RANGE_NOT_SATISFIABLE":
      return 416;
    case "UNPROCESSABLE_ENTITY":
      return 422;
    case "RATE_LIMITED":
      return 429;
    case "INTERNAL_SERVER_ERROR":
      return 500;
    case "NOT_IMPLEMENTED":
      return 501;
    case "SERVICE_UNAVAILABLE":
      return 503;
  }
}

/** The code for a status that arrives without one (an HTTPException thrown by Hono itself). */
export function codeOf(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    416: "RANGE_NOT_SATISFIABLE",
    422: "UNPROCESSABLE_ENTITY",
    429: "RATE_LIMITED",
    501: "NOT_IMPLEMENTED",
    503: "SERVICE_UNAVAILABLE",
  };
  return byStatus[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST");
}

export interface ApiErrorOptions {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
  /** Extra response headers (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class ApiError extends HTTPException {
  public readonly code: ErrorCode;
  public readonly details: ErrorDetail[];
  public readonly headers: Record<string, string>;

  constructor({ code, message, details = [], headers = {}, cause }: ApiErrorOptions) {
    super(statusOf(code), { message, cause });
    this.name = "ApiError";
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export const ErrorDetailSchema = z.object({ field: z.string(), message: z.string() });

// A message or field name may quote what the client sent; text that no client should get back
// (NUL, a lone surrogate) is shown escaped instead.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is escaped
const UNPRINTABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const printable = (s: string) =>
  s.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The error envelope body. */
export function errorBody(c: Context, code: ErrorCode, message: string, details: ErrorDetail[] = []) {
  return {
    error: {
      code,
      message: printable(message),
      details: details.map((d) => ({ field: printable(d.field), message: printable(d.message) })),
    },
    meta: meta(c),
  };
}

/** Renders an error envelope response. */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] = [],
  headers: Record<string, string> = {},
): Response {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(errorBody(c, code, message, details), statusOf(code));
}

/** A generic message for 5xx: the real error goes to the log only. */
export const INTERNAL_MESSAGE = "An internal error occurred; quote the request id when reporting it";

/**
 * The one error funnel (`app.onError`): ApiError as is, Hono's HTTPException by status (its own
 * message for 4xx), anything else a logged 500 with a generic message.
 */
export function handleError(err: Error, c: Context): Response {
  const logger = c.get("logger");
  if (err instanceof ApiError) {
    if (err.status >= 500) logger?.error({ err, requestId: c.get("requestId") }, err.message);
    // Our own 503 messages are written for clients; a 500's never is.
    const message = err.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : err.message;
    return errorResponse(c, err.code, message, err.details, err.headers);
  }
  if (err instanceof HTTPException) {
    const code = codeOf(err.status);
    if (err.status >= 500) {
      logger?.error({ err, requestId: c.get("requestId") }, err.message);
      return errorResponse(c, code, INTERNAL_MESSAGE);
    }
    const message = err.message || defaultMessage(code);
    const details =
      code === "BAD_REQUEST" && /JSON|FormData/i.test(message) ? [{ field: "body", message }] : [];
    return errorResponse(c, code, message, details);
  }
  logger?.error({ err, requestId: c.get("requestId") }, "unhandled error");
  return errorResponse(c, "INTERNAL_SERVER_ERROR", INTERNAL_MESSAGE);
}

function defaultMessage(code: ErrorCode): string {
  return code.toLowerCase().replaceAll("_", " ");
}

/** The notFound handler: an unknown route is a 404 in the envelope, naming method and path. */
export function handleNotFound(c: Context): Response {
  return errorResponse(c, "NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`);
}
