import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locationFromSecret, TenantRegistry, tenantUuid } from "./tenant-registry.ts";

// What stacks/local writes into the tenant's connection Secret (connectionData).
const secret = {
  TENANT_ID: "acme-bank",
  TENANT_TIER: "professional",
  DATABASE_URL: "postgres://tenant_acme_bank:pw@127.0.0.1:5432/wspec_pool",
  DATABASE_HOST: "127.0.0.1",
  DATABASE_PORT: "5432",
  DATABASE_NAME: "wspec_pool",
  DATABASE_SCHEMA: "tenant_acme_bank",
  DATABASE_USER: "tenant_acme_bank",
  DATABASE_PASSWORD: "pw",
  REDIS_URL: "redis://tenant-acme-bank:rpw@127.0.0.1:6379",
  REDIS_KEY_PREFIX: "t:acme-bank:",
  STORAGE_PATH: "/data/acme-bank",
  LIMIT_REQUESTS_PER_HOUR: "10000",
};

describe("tenantUuid", () => {
  it("is a stable RFC 4122 v5 uuid per slug", () => {
    expect(tenantUuid("acme-bank")).toBe(tenantUuid("acme-bank"));
    expect(tenantUuid("acme-bank")).not.toBe(tenantUuid("acme-bank2"));
    expect(tenantUuid("acme-bank")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe("locationFromSecret", () => {
  it("reads the operator's Secret keys and places the tenant by tier", () => {
    expect(locationFromSecret(secret).val).toEqual({
      tenantId: tenantUuid("acme-bank"),
      slug: "acme-bank",
      tier: "professional",
      placement: "schema",
      database: {
        host: "127.0.0.1",
        port: 5432,
        name: "wspec_pool",
        schema: "tenant_acme_bank",
        user: "tenant_acme_bank",
        password: "pw",
      },
      redis: { url: secret.REDIS_URL, keyPrefix: "t:acme-bank:" },
      storagePath: "/data/acme-bank",
    });
    expect(locationFromSecret({ ...secret, TENANT_TIER: "enterprise" }).val?.placement).toBe("database");
    expect(locationFromSecret({ ...secret, TENANT_TIER: "starter" }).val?.placement).toBe("shared");
  });

  it("names each missing or bad key", () => {
    const { DATABASE_PASSWORD: _, ...rest } = secret;
    expect(locationFromSecret({ ...rest, DATABASE_PORT: "x", TENANT_TIER: "gold" }).err).toBe(
      'TENANT_TIER: Invalid option: expected one of "starter"|"professional"|"enterprise"; DATABASE_PORT: Invalid input: expected number, received NaN; DATABASE_PASSWORD: Invalid input: expected string, received undefined',
    );
  });
});

describe("TenantRegistry", () => {
  it("registers, finds by id and slug, refuses a slug under another id, removes", () => {
    const r = new TenantRegistry();
    const loc = r.register(locationFromSecret(secret).val ?? expect.fail());
    expect(r.get(loc.tenantId)).toEqual(loc);
    expect(r.getBySlug("acme-bank")).toEqual(loc);
    expect(() => r.register({ ...loc, tenantId: tenantUuid("other") })).toThrow(
      `tenant slug "acme-bank" is already registered with id ${loc.tenantId}`,
    );
    expect(r.remove(loc.tenantId)).toBe(true);
    expect(r.list()).toEqual([]);
  });

  it("loads mounted Secrets from a directory, naming the broken ones", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wspec-secrets-"));
    for (const [name, data] of [
      ["acme-bank", secret],
      ["broken", { ...secret, TENANT_ID: "Bad_Id" }],
    ] as const) {
      await mkdir(join(dir, name));
      for (const [k, v] of Object.entries(data)) await writeFile(join(dir, name, k), `${v}\n`);
    }
    const r = new TenantRegistry();
    const { loaded, errors } = await r.loadSecretsDir(dir);
    expect(loaded).toBe(1);
    expect(errors).toEqual([
      `${join(dir, "broken")}: TENANT_ID: must be a tenant id (lowercase letters, digits, inner hyphens)`,
    ]);
    expect(r.getBySlug("acme-bank")?.database.password).toBe("pw");
  });
});
