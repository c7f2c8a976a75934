// PUT /api/v2/documents/{id}/legal-hold (documents:hold): places a legal hold; the reason goes to
// the audit chain.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, jsonResponse, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { caller, now } from "../context.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { changeHold } from "../hold.ts";
import { DocumentIdParam, errorResponses } from "../params.ts";
import { DocumentSchema, documentView } from "../view.ts";

export const SetLegalHoldBody = z
  .strictObject({
    reason: z.string().trim().min(1, "must not be empty").max(2000, "at most 2000 characters"),
  })
  .openapi("SetLegalHoldRequest");

export const setLegalHoldRoute = createRoute({
  method: "put",
  path: "/api/v2/documents/{id}/legal-hold",
  tags: ["documents"],
  summary: "Place a legal hold (blocks deletion)",
  ...guardedBy("documents:hold"),
  request: {
    params: DocumentIdParam,
    body: { required: true, content: { "application/json": { schema: SetLegalHoldBody } } },
  },
  responses: {
    200: jsonResponse("the document", DocumentSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerSetLegalHold(app: App, deps: DocumentRouteDeps): void {
  app.openapi(setLegalHoldRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const row = await changeHold(c, deps, { tenant, principal, id, at: now(c), hold: true, reason });
    return ok(c, documentView(row), 200);
  });
}
