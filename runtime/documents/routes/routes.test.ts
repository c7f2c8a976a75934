// The document routes' OpenAPI document: each operation carries the permission it is guarded by.
// The role × route matrix over the whole app, read back from these declarations, is
// runtime/security/role-matrix.int.test.ts.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../app/index.ts";
import { testApp } from "../../app/testing.ts";
import type { Permission, Role } from "../../auth/rbac.ts";
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
  return testApp({
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
});
