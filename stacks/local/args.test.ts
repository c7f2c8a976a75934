import { describe, expect, it } from "vitest";
import { type LocalTenantArgs, validateLocalTenantArgs } from "./args.ts";

const valid: LocalTenantArgs = {
  tenantId: "acme-bank",
  tier: "professional",
  limits: { storageGiB: 100, documents: 250_000, requestsPerHour: 10_000 },
  admins: ["ops@acme.example"],
  labels: { "example.com/team": "risk" },
  connections: {
    postgresAdminUrl: "postgres://postgres:pw@127.0.0.1:5432/postgres",
    redisAdminUrl: "redis://default:pw@127.0.0.1:6379",
    kubeconfig: "apiVersion: v1\nkind: Config\n",
    storageRoot: "/var/lib/wspec/storage",
  },
};

const errorOf = (args: unknown) => validateLocalTenantArgs(args).err;

describe("validateLocalTenantArgs", () => {
  it("accepts valid args as they are", () => {
    expect(validateLocalTenantArgs(valid)).toEqual({ val: valid });
    const { labels: _, ...withoutLabels } = valid;
    expect(validateLocalTenantArgs({ ...withoutLabels, admins: [] }).err).toBeUndefined();
  });

  it("names each field, the value received and what is allowed", () => {
    expect(errorOf({ ...valid, tenantId: "acme-" })).toBe(
      'tenantId "acme-" must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter',
    );
    expect(errorOf({ ...valid, tier: "gold" })).toBe(
      'tier "gold" not in [enterprise, professional, starter]',
    );
    expect(errorOf({ ...valid, limits: { ...valid.limits, documents: -5 } })).toBe(
      "limits.documents -5 must be a positive integer",
    );
    expect(errorOf({ ...valid, limits: { ...valid.limits, storageGiB: "100" } })).toBe(
      'limits.storageGiB "100" must be a positive integer',
    );
    expect(errorOf({ ...valid, admins: ["ops@acme.example", "root"] })).toBe(
      'admins[1] "root" must be an email address',
    );
    expect(errorOf({ ...valid, labels: { "bad key": "x" } })).toBe(
      'labels key "bad key" is not a valid label key',
    );
    expect(errorOf({ ...valid, labels: { team: "no spaces" } })).toBe(
      'labels.team "no spaces" is not a valid label value',
    );
    expect(errorOf({ ...valid, labels: { "app.kubernetes.io/managed-by": "me" } })).toBe(
      'labels["app.kubernetes.io/managed-by"] "me" is set by wspec and cannot be overridden',
    );
    expect(errorOf({ ...valid, connections: { ...valid.connections, storageRoot: "/srv/../etc" } })).toBe(
      `connections.storageRoot "/srv/../etc" must be an absolute path without '..'`,
    );
  });

  it("reports missing fields as required, all at once", () => {
    expect(errorOf({ tenantId: "acme", tier: "starter" })).toBe(
      "limits is required; admins is required; connections is required",
    );
    expect(errorOf(undefined)).toBe("args is required");
  });

  it("never echoes a credential", () => {
    const err = errorOf({
      ...valid,
      connections: {
        ...valid.connections,
        postgresAdminUrl: "mysql://root:hunter2@db",
        redisAdminUrl: "http://default:hunter3@cache",
        kubeconfig: "   ",
      },
    });
    expect(err).toBe(
      "connections.postgresAdminUrl must be a postgres:// or postgresql:// URL with a host; " +
        "connections.redisAdminUrl must be a redis:// or rediss:// URL with a host; " +
        "connections.kubeconfig must not be empty",
    );
  });
});
