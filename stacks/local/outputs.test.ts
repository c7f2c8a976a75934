import { describe, expect, it } from "vitest";
import { type LocalTenantOutputs, readLocalTenantOutputs } from "./outputs.ts";

const outputs: LocalTenantOutputs = {
  tenantId: "acme",
  tier: "starter",
  database: { host: "127.0.0.1", port: 5432, name: "wspec_pool", schema: "pool_shared", user: "tenant_acme" },
  storage: { path: "/srv/storage/acme" },
  redis: { host: "127.0.0.1", port: 6379, user: "tenant-acme", keyPrefix: "t:acme:" },
  namespace: "tenant-acme",
  connectionSecret: { name: "wspec-tenant-connection", namespace: "tenant-acme" },
  credentials: {
    databaseUrl: "postgres://tenant_acme:pw@127.0.0.1:5432/wspec_pool",
    databasePassword: "pw",
    redisUrl: "redis://tenant-acme:pw2@127.0.0.1:6379",
    redisPassword: "pw2",
  },
};

const asStack = (o: Record<string, unknown>, secret = ["credentials"]) =>
  Object.fromEntries(Object.entries(o).map(([k, value]) => [k, { value, secret: secret.includes(k) }]));

describe("readLocalTenantOutputs", () => {
  it("reads the outputs of a stack", () => {
    expect(readLocalTenantOutputs(asStack(outputs))).toEqual({ val: outputs });
  });

  it("names a missing or malformed output", () => {
    const { namespace: _, ...rest } = outputs;
    expect(readLocalTenantOutputs(asStack({ ...rest, tier: "gold" })).err).toMatch(
      /^outputs\.tier: .*; outputs\.namespace: .*$/,
    );
  });

  it("refuses credentials that are not secret, and secrets anywhere else", () => {
    expect(readLocalTenantOutputs(asStack(outputs, [])).err).toBe(
      "outputs credentials: only credentials may be (and must be) secret",
    );
    expect(readLocalTenantOutputs(asStack(outputs, ["credentials", "database"])).err).toBe(
      "outputs database: only credentials may be (and must be) secret",
    );
  });
});
