import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, type Permission, type Principal, ROLE_PERMISSIONS, ROLES } from "../rbac.ts";
import { requirePermission } from "./index.ts";

/** An app whose auth step stores `principal` (if any), then one route per permission. */
function appWith(principal: unknown) {
  const app = new Hono();
  app.use("*", async (c, next) => {
    if (principal !== undefined) c.set("principal", principal as never);
    await next();
  });
  for (const permission of PERMISSIONS) {
    app.get(`/${permission}`, requirePermission(permission), (c) => c.json({ ok: true }));
  }
  app.onError((err, c) =>
    err instanceof HTTPException
      ? c.json({ message: err.message }, err.status)
      : c.json({ message: "internal" }, 500),
  );
  return app;
}

const user = (role: Principal["role"]): Principal => ({
  kind: "user",
  id: "u1",
  tenantId: "t1",
  role,
  scopes: ["*"],
});

describe("requirePermission", () => {
  describe("role × permission, generated from the matrix", () => {
    const cases = ROLES.flatMap((role) =>
      PERMISSIONS.map((permission) => ({
        role,
        permission,
        status: ROLE_PERMISSIONS[role].includes(permission) ? 200 : 403,
      })),
    );
    it.each(cases)("$role → $permission: $status", async ({ role, permission, status }) => {
      const res = await appWith(user(role)).request(`/${permission}`);
      expect(res.status).toBe(status);
      if (status === 403) {
        expect(await res.json()).toEqual({
          message: `permission "${permission}" required; role "${role}" does not have it`,
        });
      }
    });
  });

  describe("API key scopes", () => {
    const key: Principal = {
      kind: "apiKey",
      id: "k1",
      tenantId: "t1",
      role: "tenant-admin",
      scopes: ["documents:read"],
    };
    it("allow a scoped permission", async () => {
      expect((await appWith(key).request("/documents:read")).status).toBe(200);
    });
    it("refuse a permission the role has but the key's scopes lack, naming it", async () => {
      const res = await appWith(key).request("/documents:delete");
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        message: `permission "documents:delete" required; the API key's scopes do not include it`,
      });
    });
  });

  describe("missing or malformed principal", () => {
    it("401 without a principal", async () => {
      const res = await appWith(undefined).request("/documents:read");
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: "authentication required" });
    });
    it("fails closed (500) on a malformed principal", async () => {
      for (const bad of [
        { kind: "user", id: "u", tenantId: "t", role: "root", scopes: ["*"] },
        { kind: "robot" },
        "admin",
      ]) {
        expect((await appWith(bad).request("/documents:read")).status).toBe(500);
      }
    });
  });

  describe("construction", () => {
    it("throws for a permission outside the matrix", () => {
      expect(() => requirePermission("documents:destroy" as Permission)).toThrow(
        `requirePermission: "documents:destroy" not in [${PERMISSIONS.join(", ")}]`,
      );
    });
  });
});
