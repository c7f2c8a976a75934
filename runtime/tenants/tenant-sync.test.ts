// The order of changes and what they log, with an in-memory database stand-in (the real database
// path is tenant-watcher.int.test.ts's).
import { describe, expect, it } from "vitest";
import { type TenantLocation, TenantRegistry, tenantUuid } from "../db/tenant-registry.ts";
import { SetupTokens } from "./setup-tokens.ts";
import { TenantSync } from "./tenant-sync.ts";

function loc(slug: string, password = "s3cret-pass"): TenantLocation {
  return {
    tenantId: tenantUuid(slug),
    slug,
    tier: "professional",
    placement: "schema",
    database: {
      host: "h",
      port: 5432,
      name: "pool",
      schema: `tenant_${slug}`,
      user: `tenant_${slug}`,
      password,
    },
    redis: { keyPrefix: `t:${slug}:` },
  };
}

function harness() {
  const registry = new TenantRegistry();
  const calls: string[] = [];
  const logs: { level: string; obj: object; msg: string }[] = [];
  const logger = {
    info: (obj: object, msg: string) => logs.push({ level: "info", obj, msg }),
    warn: (obj: object, msg: string) => logs.push({ level: "warn", obj, msg }),
    error: (obj: object, msg: string) => logs.push({ level: "error", obj, msg }),
  };
  const sync = new TenantSync({
    registry,
    setupTokens: new SetupTokens(),
    logger,
    databases: {
      // Records whether this location was already published when its row was made.
      ensureTenantRow: async (t) => {
        const l = typeof t === "string" ? registry.get(t) : t;
        const published = registry.get(l?.tenantId ?? "")?.database.password === l?.database.password;
        calls.push(`row ${l?.slug}${published ? " (already registered)" : ""}`);
      },
      release: async (l) => void calls.push(`release ${l.slug} ${l.database.password}`),
      withTenant: async () => [] as never,
    },
    migrate: async (l) => {
      if (l.slug === "boom") throw new Error("connection refused");
      calls.push(`migrate ${l.database.schema}`);
      return { applied: 5, total: 5 };
    },
  });
  return { registry, calls, logs, sync };
}

describe("TenantSync", () => {
  it("registers, updates and removes a tenant; migrates a placement once; logs no secret", async () => {
    const { registry, calls, logs, sync } = harness();
    await sync.upsert("k:a", loc("a"));
    await sync.upsert("k:a", loc("a")); // a resync: nothing to do
    await sync.upsert("k:a", loc("a", "rotated-pass"));
    expect(registry.getBySlug("a")?.database.password).toBe("rotated-pass");
    await sync.remove("k:a");
    expect(registry.getBySlug("a")).toBeUndefined();
    expect(calls).toEqual([
      "migrate tenant_a",
      "row a",
      "row a",
      "release a s3cret-pass",
      "release a rotated-pass",
    ]);
    expect(logs.map((l) => l.msg)).toEqual([
      "tenant migrations applied",
      "tenant registered",
      "tenant updated",
      "tenant unregistered",
    ]);
    expect(logs[2]?.obj).toMatchObject({ changed: ["database.password"] });
    expect(JSON.stringify(logs)).not.toMatch(/s3cret|rotated-pass/);
  });

  it("keeps a tenant with the Secret that registered it first", async () => {
    const { registry, logs, sync } = harness();
    await sync.upsert("k:ns1", loc("a"));
    await sync.upsert("k:ns2", loc("a", "hijack"));
    expect(registry.getBySlug("a")?.database.password).toBe("s3cret-pass");
    expect(logs.at(-1)).toMatchObject({
      level: "error",
      obj: { tenant: "a", source: "k:ns2", owner: "k:ns1" },
    });
    await sync.remove("k:ns2");
    expect(registry.getBySlug("a")).toBeDefined();
  });

  it("logs a failed change and goes on with the next", async () => {
    const { registry, logs, sync } = harness();
    await sync.upsert("k:b", loc("boom"));
    await sync.upsert("k:c", loc("c"));
    expect(logs.find((l) => l.level === "error")).toMatchObject({
      obj: { tenant: "boom", source: "k:b" },
      msg: "tenant change failed; retried on the next resync",
    });
    expect(registry.getBySlug("boom")).toBeUndefined(); // not served half-migrated
    expect(registry.getBySlug("c")).toBeDefined();
  });
});
