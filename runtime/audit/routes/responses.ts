// The audit routes' error responses: the defaults, worded for the audit log.
import { errorResponses as describeErrors } from "../../app/index.ts";

export const errorResponses = describeErrors({
  400: "bad filter or cursor",
  403: "the caller's role or scopes lack audit:read",
});
