// Path parameters and error responses the document routes share.
import { z } from "@hono/zod-openapi";
import { errorResponses as describeErrors } from "../app/index.ts";

export const DocumentIdParam = z.object({
  id: z.uuid("must be a uuid").openapi({ param: { name: "id", in: "path" } }),
});

/** A version number as PostgreSQL stores it (integer: at most 2^31 - 1), from a path or query. */
export const VersionNumber = z.coerce
  .number({ error: "must be a positive integer" })
  .int("must be a positive integer")
  .positive("must be a positive integer")
  .max(2_147_483_647, "must be at most 2147483647");

/** The bounds of VersionNumber as the document states them (coercion hides them from the generator). */
export const VERSION_RANGE = { type: "integer", minimum: 1, maximum: 2_147_483_647 } as const;

export const VersionParam = DocumentIdParam.extend({
  version: VersionNumber.openapi({ param: { name: "version", in: "path" }, ...VERSION_RANGE }),
});

/** OpenAPI error responses in the error envelope for the given statuses. */
export const errorResponses = describeErrors({
  404: "not found in this tenant, deleted, or not visible to the caller",
  409: "conflicts with the document's state (legal hold, retention, identical content)",
});
