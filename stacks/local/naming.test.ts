import { describe, expect, it } from "vitest";
import { tenantNames } from "./naming.ts";

describe("tenantNames", () => {
  it("enterprise: its own database and schema", () => {
    expect(tenantNames("acme-bank", "enterprise")).toEqual({
      sqlId: "acme_bank",
      database: "tenant_acme_bank",
      schema: "tenant_acme_bank",
      role: "tenant_acme_bank",
      dedicatedDatabase: true,
      dedicatedSchema: true,
      namespace: "tenant-acme-bank",
      redisUser: "tenant-acme-bank",
      keyPrefix: "t:acme-bank:",
    });
  });

  it("professional: its own schema in the pool", () => {
    expect(tenantNames("mid", "professional")).toMatchObject({
      database: "wspec_pool",
      schema: "tenant_mid",
      dedicatedDatabase: false,
      dedicatedSchema: true,
    });
    expect(tenantNames("mid", "professional")).not.toHaveProperty("sharedGroup");
  });

  it("starter: the shared schema and its group", () => {
    expect(tenantNames("small", "starter")).toMatchObject({
      database: "wspec_pool",
      schema: "pool_shared",
      role: "tenant_small",
      dedicatedSchema: false,
      sharedGroup: "pool_shared_member",
    });
  });

  it("fits PostgreSQL's 63-byte names and Kubernetes' 63-character labels at the longest id", () => {
    const id = `a${"b-".repeat(19)}c`; // 40 characters
    const names = tenantNames(id, "enterprise");
    expect(id).toHaveLength(40);
    expect(names.role.length).toBeLessThanOrEqual(63);
    expect(names.namespace.length).toBeLessThanOrEqual(63);
  });

  it("refuses ids that cannot make every name", () => {
    for (const bad of ["", "1acme", "acme-", "Acme", "acme_bank", "a".repeat(41)]) {
      expect(() => tenantNames(bad, "starter")).toThrow(
        `tenantId "${bad}" must match ^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$`,
      );
    }
  });
});
