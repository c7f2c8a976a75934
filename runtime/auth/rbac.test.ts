import { describe, expect, it } from "vitest";
import {
  allows,
  can,
  checkApiKeyScopes,
  isPermission,
  isRole,
  PERMISSIONS,
  type Principal,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
} from "./rbac.ts";

// The full matrix, generated from the one declaration: every role × every permission.
const matrix = ROLES.flatMap((role) =>
  PERMISSIONS.map((permission) => ({
    role,
    permission,
    allowed: ROLE_PERMISSIONS[role].includes(permission),
  })),
);

describe("can(role, permission)", () => {
  it.each(matrix)("$role / $permission → $allowed", ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("the declaration only names known permissions, without repeats", () => {
    for (const role of ROLES) {
      expect(ROLE_PERMISSIONS[role].every(isPermission)).toBe(true);
      expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
    }
  });

  it("keeps the invariants the product relies on", () => {
    expect(permissionsOf("global-admin")).toEqual(PERMISSIONS);
    expect(ROLES.filter((r) => can(r, "tenants:manage"))).toEqual(["global-admin"]);
    expect(ROLES.filter((r) => can(r, "webhooks:manage"))).toEqual(["global-admin", "tenant-admin"]);
    expect(ROLES.filter((r) => can(r, "ai:train"))).toEqual([
      "global-admin",
      "tenant-admin",
      "document-manager",
    ]);
    // compliance officers review but never change documents
    expect(can("compliance-officer", "documents:write")).toBe(false);
    expect(can("compliance-officer", "documents:delete")).toBe(false);
    // every role can read documents
    expect(ROLES.every((r) => can(r, "documents:read"))).toBe(true);
    // end users see only their own and shared documents; holds are for admins and compliance
    expect(ROLES.filter((r) => !can(r, "documents:read-all"))).toEqual(["end-user"]);
    expect(ROLES.filter((r) => can(r, "documents:hold"))).toEqual([
      "global-admin",
      "tenant-admin",
      "compliance-officer",
    ]);
  });

  it("unknown roles and permissions are refused", () => {
    expect(isRole("root")).toBe(false);
    expect(isPermission("documents:*")).toBe(false);
    expect(can("root" as never, "documents:read")).toBe(false);
  });
});

describe("allows(principal, permission): scopes restrict the role", () => {
  const key: Principal = {
    kind: "apiKey",
    id: "k1",
    tenantId: "t1",
    role: "tenant-admin",
    scopes: ["documents:read"],
  };
  it("an API key gets only its scopes, within its role", () => {
    expect(allows(key, "documents:read")).toBe(true);
    expect(allows(key, "documents:write")).toBe(false);
    expect(allows({ ...key, role: "end-user", scopes: ["audit:read"] }, "audit:read")).toBe(false);
  });
  it('"*" grants what the role holds and nothing more', () => {
    const user: Principal = { kind: "user", id: "u1", tenantId: "t1", role: "end-user", scopes: ["*"] };
    expect(allows(user, "documents:write")).toBe(true);
    expect(allows(user, "documents:delete")).toBe(false);
  });
});

describe("checkApiKeyScopes", () => {
  it("accepts scopes within the creator's role", () => {
    expect(checkApiKeyScopes("tenant-admin", ["documents:read", "compliance:run"])).toEqual([]);
  });
  it("lists every problem", () => {
    expect(
      checkApiKeyScopes("document-manager", [
        "documents:read",
        "audit:read",
        "docs:all",
        "*",
        "documents:read",
      ]),
    ).toEqual([
      'scope "audit:read" exceeds role "document-manager"',
      `scope "docs:all" not in [${PERMISSIONS.join(", ")}]`,
      `scope "*" not in [${PERMISSIONS.join(", ")}]`,
      "scopes must not repeat",
    ]);
    expect(checkApiKeyScopes("end-user", [])).toEqual(["scopes must list at least one permission"]);
  });
});
