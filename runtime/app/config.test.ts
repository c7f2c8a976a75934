import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

const base = { DATABASE_URL: "postgres://app:pw@127.0.0.1:5432/db", REDIS_URL: "redis://127.0.0.1:6379" };

describe("loadConfig", () => {
  it("applies defaults", () => {
    const { val, err } = loadConfig(base);
    expect(err).toBeUndefined();
    expect(val).toMatchObject({
      PORT: 8080,
      HOST: "0.0.0.0",
      API_VERSION: "2.0.0",
      DB_POOL_MAX_PER_TENANT: 10,
      DB_POOL_MAX_TOTAL: 50,
      MIGRATE_ON_START: false,
      RATE_LIMIT_ENABLED: true,
    });
  });

  it("names every bad variable with its value, hiding secrets", () => {
    const { err } = loadConfig({
      PORT: "abc",
      LOG_LEVEL: "loud",
      REDIS_URL: "http://x",
      DATABASE_URL: "nope",
    });
    expect(err).toContain('PORT "abc"');
    expect(err).toContain('LOG_LEVEL "loud"');
    expect(err).toContain("REDIS_URL (set, hidden): must be a redis:// or rediss:// URL");
    expect(err).toContain("DATABASE_URL (set, hidden)");
  });

  it("names a missing required variable", () => {
    const { err } = loadConfig({ REDIS_URL: base.REDIS_URL });
    expect(err).toMatch(/^invalid configuration: DATABASE_URL \(unset\): /);
  });

  it("checks variables against each other", () => {
    expect(loadConfig({ ...base, MIGRATE_ON_START: "true" }).err).toBe(
      "invalid configuration: DATABASE_ADMIN_URL (unset): is required when MIGRATE_ON_START is true",
    );
    expect(loadConfig({ ...base, DB_POOL_MAX_PER_TENANT: "20", DB_POOL_MAX_TOTAL: "10" }).err).toBe(
      'invalid configuration: DB_POOL_MAX_PER_TENANT "20": 20 exceeds DB_POOL_MAX_TOTAL (10)',
    );
  });

  it("follows tenant Secrets only when asked, naming the allowed sources", () => {
    expect(loadConfig(base).val).toMatchObject({ TENANT_SECRETS_SOURCE: "none", TENANT_SECRETS_WATCH: true });
    expect(
      loadConfig({ ...base, TENANT_SECRETS_SOURCE: "kubernetes", TENANT_SECRETS_NAMESPACE: "tenants" }).val,
    ).toMatchObject({ TENANT_SECRETS_SOURCE: "kubernetes", TENANT_SECRETS_NAMESPACE: "tenants" });
    expect(loadConfig({ ...base, TENANT_SECRETS_SOURCE: "etcd" }).err).toBe(
      'invalid configuration: TENANT_SECRETS_SOURCE "etcd": Invalid option: expected one of "none"|"kubernetes"',
    );
  });
});
