// The extras routes as the OpenAPI document describes them: every operation names its permission
// (the role-matrix tests read it from there) and search is routed before a later /documents/{id}.
import { describe, expect, it } from "vitest";
import { testApp } from "../../app/testing.ts";
import { PERMISSION_EXTENSION } from "../../auth/require-permission/index.ts";
import { registerDocumentExtras } from "./extras.ts";

const app = testApp({
  routes: [
    registerDocumentExtras({
      databases: {
        withTenant: () => Promise.reject(new Error("no database in this test")),
      },
    }),
  ],
});

describe("registerDocumentExtras", () => {
  it("declares each operation's permission in OpenAPI", async () => {
    const doc = (await (await app.request("/api/v2/openapi.json")).json()) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const ours = Object.entries(doc.paths).filter(([path]) => path.startsWith("/api/v2/"));
    const permissions = ours.flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${String(op[PERMISSION_EXTENSION])}`,
      ),
    );
    expect(permissions.sort()).toEqual(
      [
        "DELETE /api/v2/categories/{id} categories:manage",
        "DELETE /api/v2/documents/{id}/shares/{share_id} documents:share",
        "GET /api/v2/categories documents:read",
        "GET /api/v2/categories/{id} documents:read",
        "GET /api/v2/documents/search documents:read",
        "GET /api/v2/documents/{id}/shares documents:share",
        "GET /api/v2/tags documents:read",
        "PATCH /api/v2/categories/{id} categories:manage",
        "POST /api/v2/categories categories:manage",
        "POST /api/v2/documents/{id}/shares documents:share",
      ].sort(),
    );
  });

  it("refuses anonymous calls before touching the database", async () => {
    for (const path of ["/api/v2/categories", "/api/v2/documents/search?q=x", "/api/v2/tags"]) {
      const res = await app.request(path);
      expect([path, res.status]).toEqual([path, 401]);
    }
  });
});
