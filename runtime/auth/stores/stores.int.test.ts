// The PostgreSQL stores against a fresh database: rotation, reuse detection under concurrency,
// API keys by prefix, lockout state on the user row, and tenant isolation of all of these (RLS).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeyService, hashApiKey } from "../api-key.ts";
import { RefreshTokenService } from "../refresh-token.ts";
import { PgApiKeyStore, TenantsApiKeyStore } from "./api-key-store.ts";
import { PgRefreshTokenStore } from "./refresh-token-store.ts";
import { type AuthFixture, authFixture } from "./testing.ts";
import { findUserByEmail, recordLoginFailure, recordLoginSuccess, userLockout } from "./user-store.ts";

let fx: AuthFixture;
let A: string;
let B: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  fx = await authFixture(["store-a", "store-b"]);
  A = fx.tenantId("store-a");
  B = fx.tenantId("store-b");
  alice = await fx.addUser("store-a", { email: "alice@a.test", role: "tenant-admin" });
  bob = await fx.addUser("store-b", { email: "bob@b.test" });
});
afterAll(async () => {
  await fx?.close();
});

const service = (tenantId: string) => new RefreshTokenService(new PgRefreshTokenStore(fx.dbs, tenantId));

describe("PgRefreshTokenStore", () => {
  it("rotates: the new token works once, the old one is refused and revokes the family", async () => {
    const rt = service(A);
    const first = await rt.issue({ tenantId: A, userId: alice });
    const second = await rt.rotate(first.token);
    expect(second.err).toBeUndefined();
    expect(second.val?.familyId).toBe(first.familyId);
    const third = await rt.rotate(second.val?.token ?? "");
    expect(third.val?.familyId).toBe(first.familyId);

    const reuse = await rt.rotate(first.token);
    expect(reuse.err?.code).toBe("reused");
    // The family is dead: even the newest token is refused now.
    expect((await rt.rotate(third.val?.token ?? "")).err?.code).toBe("revoked");
    const rows = await fx.admin<{ revoked_reason: string | null }[]>`
      select revoked_reason from refresh_tokens where family_id = ${first.familyId}`;
    expect(rows.map((r) => r.revoked_reason)).toEqual(["reuse_detected", "reuse_detected", "reuse_detected"]);
  });

  it("lets exactly one of many concurrent rotations of a token win, and revokes the family", async () => {
    const rt = service(A);
    const first = await rt.issue({ tenantId: A, userId: alice });
    const results = await Promise.all(Array.from({ length: 8 }, () => service(A).rotate(first.token)));
    const won = results.filter((r) => r.val);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.err?.code === "reused").length).toBeGreaterThanOrEqual(1);
    // The winner's successor must not survive the reuse: the revocation covers rows inserted by
    // the winning rotation.
    expect((await rt.rotate(won[0]?.val?.token ?? "")).err?.code).toBe("revoked");
    const [live] = await fx.admin<{ n: number }[]>`
      select count(*)::int as n from refresh_tokens where family_id = ${first.familyId} and revoked_at is null`;
    expect(live?.n).toBe(0);
  });

  it("logout revokes the family and keeps the first reason", async () => {
    const rt = service(A);
    const t = await rt.issue({ tenantId: A, userId: alice });
    expect(await rt.logout(t.token)).toEqual({ familyId: t.familyId });
    await new PgRefreshTokenStore(fx.dbs, A).revokeFamily(t.familyId, "admin", new Date());
    const [row] = await fx.admin<{ revoked_reason: string }[]>`
      select revoked_reason from refresh_tokens where family_id = ${t.familyId}`;
    expect(row?.revoked_reason).toBe("logout");
    expect((await rt.rotate(t.token)).err?.code).toBe("revoked");
  });

  it("refuses a token past its family's absolute expiry", async () => {
    let now = new Date("2030-01-01T00:00:00Z");
    const rt = new RefreshTokenService(new PgRefreshTokenStore(fx.dbs, A), {
      idleTtlSeconds: 60,
      absoluteTtlSeconds: 100,
      clock: () => now,
    });
    const t = await rt.issue({ tenantId: A, userId: alice });
    now = new Date(now.getTime() + 50_000);
    const r1 = await rt.rotate(t.token);
    expect(r1.val?.expiresAt.toISOString()).toBe("2030-01-01T00:01:40.000Z");
    now = new Date(now.getTime() + 55_000);
    expect((await rt.rotate(r1.val?.token ?? "")).err?.code).toBe("expired");
  });

  it("revokes every live family of a user", async () => {
    const rt = service(A);
    const carol = await fx.addUser("store-a", { email: "carol@a.test" });
    const t1 = await rt.issue({ tenantId: A, userId: carol });
    const t2 = await rt.issue({ tenantId: A, userId: carol });
    expect(await rt.revokeAllForUser(A, carol, "password_changed")).toBe(2);
    expect((await rt.rotate(t1.token)).err?.code).toBe("revoked");
    expect((await rt.rotate(t2.token)).err?.code).toBe("revoked");
    expect(await rt.revokeAllForUser(B, carol, "admin")).toBe(0);
  });

  it("is confined to its tenant: another tenant's token is not found", async () => {
    const b = await service(B).issue({ tenantId: B, userId: bob });
    expect((await service(A).rotate(b.token)).err?.code).toBe("invalid");
    expect(await service(A).logout(b.token)).toBeUndefined();
    expect((await service(B).rotate(b.token)).val).toBeDefined();
    // A family for another tenant cannot be written through this store, nor past RLS.
    await expect(
      new PgRefreshTokenStore(fx.dbs, A).revokeUserFamilies(B, bob, "admin", new Date()),
    ).resolves.toBe(0);
    await expect(service(A).issue({ tenantId: B, userId: bob })).rejects.toThrow(/given to the store/);
  });
});

describe("PgApiKeyStore", () => {
  it("creates a key, finds it by prefix and authenticates it; revoke ends it", async () => {
    const keys = new ApiKeyService(new PgApiKeyStore(fx.dbs, A));
    const created = await keys.create({
      tenantId: A,
      tenantSlug: "store-a",
      name: "ci",
      scopes: ["documents:read"],
      creator: { id: alice, role: "tenant-admin" },
    });
    const key = created.val?.key ?? "";
    const auth = await keys.authenticate(key);
    expect(auth.val).toEqual({
      kind: "apiKey",
      id: created.val?.record.id,
      tenantId: A,
      role: "tenant-admin",
      scopes: ["documents:read"],
    });
    const [row] = await fx.admin<{ key_hash: string; last_used_at: Date | null }[]>`
      select key_hash, last_used_at from api_keys where id = ${created.val?.record.id ?? ""}`;
    expect(row?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.key_hash).not.toContain(key.slice(-20));
    expect(row?.last_used_at).not.toBeNull();
    expect((await keys.authenticate(`${key.slice(0, -1)}x`)).err?.code).toBe("invalid");
    expect(await keys.revoke(B, created.val?.record.id ?? "")).toBe(false);
    expect(await keys.revoke(A, created.val?.record.id ?? "")).toBe(true);
    expect(await keys.revoke(A, created.val?.record.id ?? "")).toBe(false);
    expect((await keys.authenticate(key)).err?.code).toBe("revoked");
  });

  it("refuses a duplicate prefix (unique index)", async () => {
    const store = new PgApiKeyStore(fx.dbs, A);
    const keys = new ApiKeyService(store);
    const created = await keys.create({
      tenantId: A,
      tenantSlug: "store-a",
      name: "one",
      scopes: ["documents:read"],
      creator: { id: alice, role: "tenant-admin" },
    });
    const record = created.val?.record;
    if (!record) throw new Error("no record");
    await expect(
      store.insert({ ...record, id: crypto.randomUUID(), keyHash: "0".repeat(64) }),
    ).rejects.toThrow();
  });

  it("is confined to its tenant; TenantsApiKeyStore finds a key in whichever tenant holds it", async () => {
    const bKeys = new ApiKeyService(new PgApiKeyStore(fx.dbs, B));
    const created = await bKeys.create({
      tenantId: B,
      tenantSlug: "store-b",
      name: "b",
      scopes: ["documents:read"],
      creator: { id: bob, role: "end-user" },
    });
    const key = created.val?.key ?? "";
    const prefix = created.val?.record.prefix ?? "";
    expect(await new PgApiKeyStore(fx.dbs, A).find({ prefix })).toBeUndefined();
    expect((await new ApiKeyService(new PgApiKeyStore(fx.dbs, A)).authenticate(key)).err?.code).toBe(
      "invalid",
    );
    const all = new ApiKeyService(new TenantsApiKeyStore(fx.dbs, () => [A, B]));
    expect((await all.authenticate(key)).val?.tenantId).toBe(B);
    expect((await all.authenticate(key)).val?.tenantId).toBe(B);
  });

  // Security review, issue 16: an unknown prefix cost one query per registered tenant, so a flood
  // of made-up keys multiplied into the databases. A key now names its tenant.
  it("TenantsApiKeyStore asks only the tenant a key names, and unknown keys cost no query", async () => {
    const opened: string[] = [];
    // 50 tenants; 48 of them are stand-ins with no keys (their index reads answer nothing).
    const many = [A, ...Array.from({ length: 48 }, () => crypto.randomUUID()), B];
    const counting = {
      withTenant: <T>(tenantId: string, fn: Parameters<typeof fx.dbs.withTenant<T>>[1]): Promise<T> => {
        opened.push(tenantId);
        return tenantId === A || tenantId === B ? fx.dbs.withTenant(tenantId, fn) : Promise.resolve([] as T);
      },
    };
    const all = new ApiKeyService(new TenantsApiKeyStore(counting, () => many));
    const created = await new ApiKeyService(new PgApiKeyStore(fx.dbs, B)).create({
      tenantId: B,
      tenantSlug: "store-b",
      name: "fan-out",
      scopes: ["documents:read"],
      creator: { id: bob, role: "end-user" },
    });
    const key = created.val?.key ?? "";
    expect((await all.authenticate(key)).val?.tenantId).toBe(B);
    expect(opened.filter((t) => t !== B)).toEqual([]);
    opened.length = 0;
    for (const unknown of [
      key.replace("wspec_store-b_", "wspec_nobody_"),
      `wspec_store-a_${"z".repeat(12)}_${"x".repeat(43)}`,
    ]) {
      expect((await all.authenticate(unknown)).err?.code).toBe("invalid");
    }
    expect(opened).toEqual([A]); // store-a is named: one query there, none elsewhere
    // A key made before keys named their tenant is found through the index, read once per tenant;
    // after that, made-up keys of the old form cost nothing.
    const legacy = `wspec_${created.val?.record.prefix}_${"L".repeat(43)}`;
    await fx.admin`update api_keys set key_hash = ${hashApiKey(legacy)} where id = ${created.val?.record.id ?? ""}`;
    opened.length = 0;
    expect((await all.authenticate(legacy)).val?.tenantId).toBe(B);
    // Each tenant's index once, then the key's row in B.
    expect(opened.length).toBe(many.length + 1);
    expect(opened.at(-1)).toBe(B);
    opened.length = 0;
    for (let i = 0; i < 20; i++) {
      expect((await all.authenticate(`wspec_${"q".repeat(11)}${i % 10}_${"x".repeat(43)}`)).err?.code).toBe(
        "invalid",
      );
    }
    expect(opened).toEqual([]);
  });
});

describe("user lockout state", () => {
  it("persists failures, locks at the limit, and a success clears them", async () => {
    const dave = await fx.addUser("store-a", { email: "dave@a.test" });
    const t0 = new Date("2030-01-01T00:00:00Z");
    for (let i = 0; i < 5; i++) {
      await fx.dbs.withTenant(A, async (tx) => {
        const u = await findUserByEmail(tx, " DAVE@a.test ", { forUpdate: true });
        if (!u) throw new Error("not found");
        await recordLoginFailure(tx, u, new Date(t0.getTime() + i * 1000));
      });
    }
    const state = await fx.dbs.withTenant(A, async (tx) => {
      const u = await findUserByEmail(tx, "dave@a.test");
      return u && userLockout(u, new Date(t0.getTime() + 10_000));
    });
    expect(state).toEqual({
      locked: true,
      until: new Date(t0.getTime() + 4000 + 900_000),
      retryAfterSeconds: 894,
    });
    await fx.dbs.withTenant(A, (tx) => recordLoginSuccess(tx, dave, new Date()));
    const [row] = await fx.admin<{ failed_logins: Date[]; locked_until: Date | null }[]>`
      select failed_logins, locked_until from users where id = ${dave}`;
    expect(row).toEqual({ failed_logins: [], locked_until: null });
    // Tenant B does not see tenant A's user at all.
    expect(await fx.dbs.withTenant(B, (tx) => findUserByEmail(tx, "dave@a.test"))).toBeUndefined();
  });
});
