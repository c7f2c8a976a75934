// The audit routes without a database: validation, tenant requirement and the OpenAPI document.
import { describe, expect, it } from "vitest";
import { testApp } from "../../app/testing.ts";
import { registerAuditRoutes } from "./index.ts";

function app() {
  const calls: string[] = [];
  const a = testApp({
    middleware: [
      async (c, next) => {
        if (c.req.header("x-tenant")) {
          const tenantId = "00000000-0000-4000-8000-000000000001";
          c.set("tenant", { id: tenantId, slug: "a", tier: "starter" });
          const role = c.req.header("x-role") === "end-user" ? "end-user" : "compliance-officer";
          c.set("principal", { kind: "user", id: "u1", tenantId, role, scopes: ["*"] });
        }
        await next();
      },
    ],
    routes: [
      registerAuditRoutes({
        databases: {
          withTenant: async (tenantId) => {
            calls.push(tenantId);
            return [] as never;
          },
        },
      }),
    ],
  });
  return { a, calls };
}

describe("audit routes", () => {
  it("are described in the OpenAPI document with their query parameters", async () => {
    const doc = (await (await app().a.request("/api/v2/openapi.json")).json()) as {
      paths: Record<string, { get: { parameters?: { name: string }[] } }>;
    };
    expect(doc.paths["/api/v2/audit"]?.get.parameters?.map((p) => p.name)).toEqual([
      "actor",
      "action",
      "resource",
      "from",
      "to",
      "limit",
      "cursor",
    ]);
    expect(doc.paths["/api/v2/audit/verify"]).toBeDefined();
  });

  it("validate before touching the database", async () => {
    const { a, calls } = app();
    const res = await a.request("/api/v2/audit?limit=abc&sort=asc", { headers: { "x-tenant": "1" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toEqual({
      code: "VALIDATION_ERROR",
      message: "invalid query: limit, sort",
      details: [
        { field: "limit", message: "Invalid input: expected number, received NaN" },
        { field: "sort", message: "unknown field" },
      ],
    });
    expect(calls).toEqual([]);
  });

  it("are refused to a role without audit:read, naming the permission, before the database", async () => {
    const { a, calls } = app();
    for (const path of ["/api/v2/audit", "/api/v2/audit/verify"]) {
      const res = await a.request(path, { headers: { "x-tenant": "1", "x-role": "end-user" } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'permission "audit:read" required; role "end-user" does not have it',
      );
    }
    expect(calls).toEqual([]);
  });

  it("run in the request's tenant", async () => {
    const { a, calls } = app();
    const res = await a.request("/api/v2/audit", { headers: { "x-tenant": "1" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ items: [], next_cursor: null });
    expect(calls).toEqual(["00000000-0000-4000-8000-000000000001"]);
  });
});
