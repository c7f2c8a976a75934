// DELETE /api/v2/documents/{id}/legal-hold (documents:hold): releases a legal hold.
import { createRoute } from "@hono/zod-openapi";
import { type App, jsonResponse, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { changeHold } from "../hold.ts";
import { DocumentIdParam, errorResponses } from "../params.ts";
import { DocumentSchema, documentView } from "../view.ts";

export const releaseLegalHoldRoute = createRoute({
  method: "delete",
  path: "/api/v2/documents/{id}/legal-hold",
  tags: ["documents"],
  summary: "Release a legal hold",
  ...guardedBy("documents:hold"),
  request: { params: DocumentIdParam },
  responses: {
    200: jsonResponse("the document", DocumentSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerReleaseLegalHold(app: App, deps: DocumentRouteDeps): void {
  app.openapi(releaseLegalHoldRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const row = await changeHold(c, deps, { tenant, principal, id, at: now(c), hold: false });
    return ok(c, documentView(row), 200);
  });
}
