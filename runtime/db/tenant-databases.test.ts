import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client.ts";
import { PoolBusyError, TenantDatabases } from "./tenant-databases.ts";
import { type TenantLocation, TenantRegistry, tenantUuid } from "./tenant-registry.ts";

function loc(slug: string, user = `tenant_${slug}`): TenantLocation {
  return {
    tenantId: tenantUuid(slug),
    slug,
    tier: "professional",
    placement: "schema",
    database: { host: "h", port: 5432, name: "wspec_pool", schema: `tenant_${slug}`, user, password: "p" },
    redis: { keyPrefix: `t:${slug}:` },
  };
}

/** A fake pool: transactions run the callback; counts opens and closes. */
function fakes() {
  const events: string[] = [];
  const connect = (l: TenantLocation, max: number): DatabaseHandle => {
    events.push(`open ${l.slug} ${max}`);
    const db = {
      transaction: async (fn: (tx: unknown) => Promise<unknown>) => fn({ execute: async () => [] }),
    };
    return {
      db: db as unknown as DatabaseHandle["db"],
      sql: undefined as unknown as DatabaseHandle["sql"],
      close: async () => {
        events.push(`close ${l.slug}`);
      },
    };
  };
  return { events, connect };
}

describe("TenantDatabases", () => {
  it("keeps the pools' connections within the total, evicting the least recently used idle pool", async () => {
    const registry = new TenantRegistry();
    for (const s of ["a", "b", "c"]) registry.register(loc(s));
    const { events, connect } = fakes();
    let now = 0;
    const dbs = new TenantDatabases({ registry, maxPerPool: 10, maxTotal: 20, connect, now: () => now });
    await dbs.withTenant(tenantUuid("a"), async () => 1);
    now = 1;
    await dbs.withTenant(tenantUuid("b"), async () => 1);
    now = 2;
    await dbs.withTenant(tenantUuid("c"), async () => 1);
    expect(events).toEqual(["open a 10", "open b 10", "close a", "open c 10"]);
    expect(dbs.stats()).toEqual({
      pools: 2,
      budgeted: 20,
      maxTotal: 20,
      active: 0,
      waiting: 0,
      waits: 0,
      waitSeconds: 0,
    });
    await dbs.close();
  });

  it("refuses a new pool when every pool is busy", async () => {
    const registry = new TenantRegistry();
    for (const s of ["a", "b"]) registry.register(loc(s));
    const { connect } = fakes();
    const dbs = new TenantDatabases({ registry, maxPerPool: 10, maxTotal: 10, connect });
    let release: () => void = () => {};
    const busy = dbs.withTenant(tenantUuid("a"), () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 5));
    await expect(dbs.withTenant(tenantUuid("b"), async () => 1)).rejects.toThrow(
      `connection budget of 10 is taken by 1 busy pools; cannot open one for tenant ${tenantUuid("b")}`,
    );
    release();
    await busy;
    await dbs.close();
  });

  it("bounds one tenant's concurrent transactions and times out waiters", async () => {
    const registry = new TenantRegistry();
    registry.register(loc("a"));
    const { connect } = fakes();
    // The bound, with a timeout no loaded machine reaches; then the timeout on its own instance,
    // where the waiter's 50 ms timer fires before the 200 ms holders finish whatever the load.
    const bounded = new TenantDatabases({ registry, maxPerTenant: 2, acquireTimeoutMs: 60_000, connect });
    let running = 0;
    let peak = 0;
    const work = () =>
      bounded.withTenant(tenantUuid("a"), async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
      });
    await Promise.all(Array.from({ length: 6 }, work));
    expect(peak).toBe(2);
    await bounded.close();
    const dbs = new TenantDatabases({ registry, maxPerTenant: 2, acquireTimeoutMs: 50, connect });
    const slow = () => dbs.withTenant(tenantUuid("a"), () => new Promise((r) => setTimeout(r, 200)));
    const results = await Promise.allSettled([slow(), slow(), slow()]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    const timedOut = (results[2] as PromiseRejectedResult).reason;
    expect(timedOut).toBeInstanceOf(PoolBusyError);
    expect(timedOut.message).toBe(`tenant ${tenantUuid("a")}: all 2 slots busy for 50 ms`);
    await dbs.close();
  });

  it("evicts pools idle for idleMs", async () => {
    const registry = new TenantRegistry();
    registry.register(loc("a"));
    const { events, connect } = fakes();
    let now = 0;
    const dbs = new TenantDatabases({ registry, idleMs: 1000, connect, now: () => now });
    await dbs.withTenant(tenantUuid("a"), async () => 1);
    now = 999;
    expect(await dbs.evictIdle()).toBe(0);
    now = 1000;
    expect(await dbs.evictIdle()).toBe(1);
    expect(events).toEqual(["open a 10", "close a"]);
    await dbs.close();
  });

  it("release closes the pool of a removed tenant, or of old credentials, but not a pool still in use", async () => {
    const registry = new TenantRegistry();
    const shared = (slug: string, password = "p"): TenantLocation => ({
      ...loc(slug, "wspec_app"),
      database: { ...loc(slug, "wspec_app").database, schema: "pool_shared", password },
    });
    for (const l of [loc("a"), shared("s1"), shared("s2")]) registry.register(l);
    const { events, connect } = fakes();
    const dbs = new TenantDatabases({ registry, connect });
    for (const s of ["a", "s1", "s2"]) await dbs.withTenant(tenantUuid(s), async () => 1);
    expect(dbs.stats().pools).toBe(2);

    registry.remove(tenantUuid("s1"));
    await dbs.release(shared("s1")); // s2 still connects through the shared pool
    expect(dbs.stats().pools).toBe(2);

    registry.register({ ...loc("a"), database: { ...loc("a").database, password: "rotated" } });
    await dbs.release(loc("a")); // same target, new password: the old pool goes
    expect(events.at(-1)).toBe("close a");
    await dbs.withTenant(tenantUuid("a"), async () => 1);
    expect(events.at(-1)).toBe("open a 10");

    registry.remove(tenantUuid("a"));
    await dbs.release({ ...loc("a"), database: { ...loc("a").database, password: "rotated" } });
    expect(events.at(-1)).toBe("close a");
    expect(dbs.stats().pools).toBe(1);
    await dbs.close();
  });

  it("counts the transactions that waited for one of their tenant's slots, and how many wait now", async () => {
    const registry = new TenantRegistry();
    registry.register(loc("a"));
    const { connect } = fakes();
    const dbs = new TenantDatabases({ registry, maxPerTenant: 1, connect });
    let release: () => void = () => {};
    const first = dbs.withTenant(tenantUuid("a"), () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 5));
    const second = dbs.withTenant(tenantUuid("a"), async () => 2);
    const third = dbs.withTenant(tenantUuid("a"), async () => 3);
    await new Promise((r) => setTimeout(r, 5));
    expect(dbs.stats()).toMatchObject({ waiting: 2, waits: 0 });
    release();
    expect(await Promise.all([first, second, third])).toEqual([undefined, 2, 3]);
    const after = dbs.stats();
    expect(after).toMatchObject({ waiting: 0, waits: 2 });
    expect(after.waitSeconds).toBeGreaterThan(0);
    await dbs.withTenant(tenantUuid("a"), async () => 4);
    expect(dbs.stats().waits).toBe(2);
    await dbs.close();
  });
});
