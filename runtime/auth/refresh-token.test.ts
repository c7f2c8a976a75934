import { beforeEach, describe, expect, it } from "vitest";
import { hashRefreshToken, RefreshTokenService } from "./refresh-token.ts";
import { InMemoryRefreshTokenStore } from "./refresh-token-memory.ts";

let now: Date;
let store: InMemoryRefreshTokenStore;
let service: RefreshTokenService;
const alice = { tenantId: "tenant-a", userId: "alice" };

beforeEach(() => {
  now = new Date("2026-11-26T08:00:00Z");
  store = new InMemoryRefreshTokenStore();
  service = new RefreshTokenService(store, {
    idleTtlSeconds: 3600,
    absoluteTtlSeconds: 86400,
    clock: () => now,
  });
});
const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

describe("RefreshTokenService", () => {
  it("issues an opaque token stored only as its SHA-256", async () => {
    const issued = await service.issue(alice);
    expect(issued.token).toMatch(/^wspec_rt_[0-9A-Za-z]{43}$/);
    const stored = [...store.tokens.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).toBe(hashRefreshToken(issued.token));
    expect(JSON.stringify([...store.tokens.values(), ...store.families.values()])).not.toContain(
      issued.token,
    );
    expect(issued.expiresAt).toEqual(new Date("2026-11-26T09:00:00Z"));
  });

  it("rotates on every use: the new token works, in the same family", async () => {
    const first = await service.issue(alice);
    const second = await service.rotate(first.token);
    expect(second.err).toBeUndefined();
    expect(second.val).toMatchObject({ familyId: first.familyId, tenantId: "tenant-a", userId: "alice" });
    expect(second.val?.token).not.toBe(first.token);
    const third = await service.rotate(second.val?.token ?? "");
    expect(third.val?.familyId).toBe(first.familyId);
  });

  it("reuse of a rotated token revokes the whole family, including its newest token", async () => {
    const first = await service.issue(alice);
    const second = await service.rotate(first.token);
    const replay = await service.rotate(first.token);
    expect(replay.err).toMatchObject({
      code: "reused",
      message: "refresh token was already used; the session is revoked",
      familyId: first.familyId,
      userId: "alice",
      tenantId: "tenant-a",
    });
    expect(store.families.get(first.familyId)).toMatchObject({
      revokedReason: "reuse_detected",
      revokedAt: now,
    });
    const legit = await service.rotate(second.val?.token ?? "");
    expect(legit.err?.code).toBe("revoked");
  });

  it("two concurrent rotations of one token: one wins, the other is reuse and the family dies", async () => {
    const first = await service.issue(alice);
    const results = await Promise.all([service.rotate(first.token), service.rotate(first.token)]);
    expect(results.map((r) => r.err?.code ?? "ok").sort()).toEqual(["ok", "reused"]);
    const winner = results.find((r) => r.val)?.val;
    expect((await service.rotate(winner?.token ?? "")).err?.code).toBe("revoked");
  });

  it("other families of the same user survive a reuse", async () => {
    const laptop = await service.issue(alice);
    const phone = await service.issue(alice);
    await service.rotate(laptop.token);
    await service.rotate(laptop.token);
    expect((await service.rotate(phone.token)).err).toBeUndefined();
  });

  it("logout revokes the family; later use is revoked; logout is idempotent and silent on junk", async () => {
    const first = await service.issue(alice);
    expect(await service.logout(first.token)).toEqual({ familyId: first.familyId });
    expect(await service.logout(first.token)).toEqual({ familyId: first.familyId });
    expect(store.families.get(first.familyId)?.revokedReason).toBe("logout");
    expect((await service.rotate(first.token)).err).toMatchObject({
      code: "revoked",
      message: "refresh token was revoked; sign in again",
    });
    expect(await service.logout("junk")).toBeUndefined();
  });

  it("an idle token expires; a family ends at its absolute lifetime however often it rotates", async () => {
    const idle = await service.issue(alice);
    later(3601);
    expect((await service.rotate(idle.token)).err?.code).toBe("expired");

    let { token } = await service.issue(alice);
    for (let i = 0; i < 30; i++) {
      later(3000);
      const r = await service.rotate(token);
      if (r.err) {
        expect(r.err.code).toBe("expired");
        expect(i).toBe(28); // 24 h / 50 min: the 29th rotation is past the absolute lifetime
        return;
      }
      expect(r.val.expiresAt.getTime()).toBeLessThanOrEqual(
        new Date("2026-11-27T08:00:03Z").getTime() + 3600_000,
      );
      token = r.val.token;
    }
    throw new Error("family never expired");
  });

  it("malformed and unknown tokens are refused without touching any family", async () => {
    await service.issue(alice);
    for (const t of ["", "wspec_rt_short", `wspec_rt_${"!".repeat(43)}`, "Bearer x"]) {
      expect((await service.rotate(t)).err?.code).toBe("malformed");
    }
    expect((await service.rotate(`wspec_rt_${"A".repeat(43)}`)).err).toMatchObject({
      code: "invalid",
      familyId: undefined,
    });
    expect([...store.families.values()].every((f) => f.revokedAt === null)).toBe(true);
  });

  it("revokeAllForUser ends every session of that user only", async () => {
    const a1 = await service.issue(alice);
    const a2 = await service.issue(alice);
    const bob = await service.issue({ tenantId: "tenant-a", userId: "bob" });
    const otherTenantAlice = await service.issue({ tenantId: "tenant-b", userId: "alice" });
    expect(await service.revokeAllForUser("tenant-a", "alice", "password_changed")).toBe(2);
    expect((await service.rotate(a1.token)).err?.code).toBe("revoked");
    expect((await service.rotate(a2.token)).err?.code).toBe("revoked");
    expect((await service.rotate(bob.token)).err).toBeUndefined();
    expect((await service.rotate(otherTenantAlice.token)).err).toBeUndefined();
  });

  it("rejects inconsistent lifetimes at construction", () => {
    expect(() => new RefreshTokenService(store, { idleTtlSeconds: 100, absoluteTtlSeconds: 10 })).toThrow(
      "refresh tokens: need 0 < idleTtlSeconds (100) <= absoluteTtlSeconds (10)",
    );
  });
});
