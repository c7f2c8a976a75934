// The document routes' OpenAPI document and their guards, role by role, from the permission each
// route declares (no database: a guard that lets a call through reaches a stub that answers 503).
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ApiError, createApp } from "../../app/index.ts";
import { type Permission, ROLE_PERMISSIONS, ROLES, type Role } from "../../auth/rbac.ts";
import { LocalStorageDriver } from "../../storage/index.ts";
import { registerDocumentRoutes } from "./index.ts";

const ID = "4f1c2d3e-0000-4000-8000-000000000001";
const ROUTES: [method: string, path: string, openapiPath: string, permission: Permission][] = [
  ["POST", "/documents?name=a.txt", "/api/v2/documents", "documents:write"],
  ["GET", "/documents", "/api/v2/documents", "documents:read"],
  ["GET", `/documents/${ID}`, "/api/v2/documents/{id}", "documents:read"],
  ["GET", `/documents/${ID}/content`, "/api/v2/documents/{id}/content", "documents:read"],
  ["PATCH", `/documents/${ID}`, "/api/v2/documents/{id}", "documents:write"],
  ["DELETE", `/documents/${ID}`, "/api/v2/documents/{id}", "documents:delete"],
  ["PUT", `/documents/${ID}/legal-hold`, "/api/v2/documents/{id}/legal-hold", "documents:hold"],
  ["DELETE", `/documents/${ID}/legal-hold`, "/api/v2/documents/{id}/legal-hold", "documents:hold"],
  ["PUT", `/documents/${ID}/retention`, "/api/v2/documents/{id}/retention", "documents:hold"],
  ["POST", `/documents/${ID}/versions`, "/api/v2/documents/{id}/versions", "documents:write"],
  ["GET", `/documents/${ID}/versions`, "/api/v2/documents/{id}/versions", "documents:read"],
  ["GET", `/documents/${ID}/versions/1`, "/api/v2/documents/{id}/versions/{version}", "documents:read"],
  [
    "GET",
    `/documents/${ID}/versions/1/content`,
    "/api/v2/documents/{id}/versions/{version}/content",
    "documents:read",
  ],
  [
    "POST",
    `/documents/${ID}/versions/1/restore`,
    "/api/v2/documents/{id}/versions/{version}/restore",
    "documents:write",
  ],
];
function appAs(role: Role | undefined) {
  return createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
    middleware: [
      async (c, next) => {
        if (role) {
          c.set("tenant", { id: "t1", slug: "t1", tier: "starter" });
          c.set("principal", { kind: "user", id: "u1", tenantId: "t1", role, scopes: ["*"] });
        }
        await next();
      },
    ],
    routes: [
      registerDocumentRoutes({
        databases: {
          withTenant: () =>
            Promise.reject(new ApiError({ code: "SERVICE_UNAVAILABLE", message: "stub database" })),
        },
        driver: new LocalStorageDriver({ root: "/nonexistent/wspec" }),
      }),
    ],
  });
}

/** A body each route accepts, so only the guard and the stub database decide the status. */
function bodyFor(method: string, path: string): string | undefined {
  if (method === "GET" || method === "DELETE") return undefined;
  if (method === "POST") return "hello";
  if (path.endsWith("/legal-hold")) return JSON.stringify({ reason: "r" });
  if (path.endsWith("/retention")) return JSON.stringify({ retain_until: "2099-01-01T00:00:00Z" });
  return JSON.stringify({ name: "b.txt" });
}

async function send(role: Role | undefined, method: string, path: string): Promise<number> {
  const body = bodyFor(method, path);
  const res = await appAs(role).request(`/api/v2${path}`, {
    method,
    headers: { "content-type": method === "POST" ? "text/plain" : "application/json" },
    ...(body === undefined ? {} : { body }),
  });
  return res.status;
}

describe("document routes", () => {
  it("publish an OpenAPI operation each, carrying the permission", async () => {
    const doc = (await (await appAs(undefined).request("/api/v2/openapi.json")).json()) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    for (const [method, , openapiPath, permission] of ROUTES) {
      expect([
        method,
        openapiPath,
        doc.paths[openapiPath]?.[method.toLowerCase()]?.["x-wspec-permission"],
      ]).toEqual([method, openapiPath, permission]);
    }
  });

  const cases = ROUTES.flatMap(([method, path, , permission]) =>
    ROLES.map((role) => ({ method, path, role, allowed: ROLE_PERMISSIONS[role].includes(permission) })),
  );
  it.each(cases)("$role $method $path → allowed: $allowed", async ({ method, path, role, allowed }) => {
    const status = await send(role, method, path);
    // Through the guard the stub database answers 503; refused, the guard answers 403.
    expect(status).toBe(allowed ? 503 : 403);
  });

  it("refuses every route without credentials", async () => {
    for (const [method, path] of ROUTES)
      expect([method, path, await send(undefined, method, path)]).toEqual([method, path, 401]);
  });
});
