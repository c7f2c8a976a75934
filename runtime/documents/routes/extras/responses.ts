import { errorResponses as describeErrors } from "../../../app/index.ts";

/** OpenAPI error responses in the error envelope for the given statuses. */
export const errorResponses = describeErrors();
