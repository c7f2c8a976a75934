// GET /api/v2/compliance/frameworks (compliance:read): the rule sets in code, with versions and rules.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, envelopeOf, ok } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { frameworks, SEVERITIES } from "../engine/index.ts";
import { errorResponses, FrameworkName } from "./errors.ts";

export const FrameworkSchema = z
  .object({
    framework: FrameworkName,
    standard: z.string(),
    version: z.string(),
    rules: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        severity: z.enum(SEVERITIES),
        reference: z.string(),
        remediation: z.string(),
      }),
    ),
  })
  .openapi("ComplianceFramework");

export const listFrameworksRoute = createRoute({
  method: "get",
  path: "/api/v2/compliance/frameworks",
  tags: ["compliance"],
  summary: "The frameworks and their versioned rule sets",
  ...guardedBy("compliance:read"),
  responses: {
    200: {
      description: "the catalogue",
      content: { "application/json": { schema: envelopeOf(z.object({ items: z.array(FrameworkSchema) })) } },
    },
    ...errorResponses(401, 403),
  },
});

export function registerListFrameworks(app: App): void {
  app.openapi(listFrameworksRoute, (c) => ok(c, { items: frameworks() }, 200));
}
