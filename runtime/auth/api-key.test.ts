import { beforeEach, describe, expect, it } from "vitest";
import { ApiKeyService, generateApiKey, hashApiKey, InMemoryApiKeyStore, parseApiKey } from "./api-key.ts";
import { allows } from "./rbac.ts";

let now: Date;
let store: InMemoryApiKeyStore;
let service: ApiKeyService;
const admin = { id: "admin-1", role: "tenant-admin" as const };

beforeEach(() => {
  now = new Date("2026-11-26T08:00:00Z");
  store = new InMemoryApiKeyStore();
  service = new ApiKeyService(store, { clock: () => now });
});

async function create(scopes: string[] = ["documents:read"], expiresAt: Date | null = null) {
  const r = await service.create({ tenantId: "t1", name: "ci upload", scopes, creator: admin, expiresAt });
  if (!r.val) throw new Error(r.err.join("; "));
  return r.val;
}

describe("API keys", () => {
  it("have the wspec_<prefix>_<secret> form and are stored as prefix + SHA-256 only", async () => {
    const { key, record } = await create();
    expect(key).toMatch(/^wspec_[0-9a-z]{12}_[0-9A-Za-z]{43}$/);
    expect(parseApiKey(key)?.prefix).toBe(record.prefix);
    expect(record.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify([...store.records.values()])).not.toContain(parseApiKey(key)?.secret);
  });

  it("authenticate returns an apiKey principal whose scopes restrict its role", async () => {
    const { key, record } = await create(["documents:read", "documents:write"]);
    const { val } = await service.authenticate(key);
    expect(val).toEqual({
      kind: "apiKey",
      id: record.id,
      tenantId: "t1",
      role: "tenant-admin",
      scopes: ["documents:read", "documents:write"],
    });
    expect(val && allows(val, "documents:write")).toBe(true);
    expect(val && allows(val, "users:manage")).toBe(false);
    expect(store.records.get(record.id)?.lastUsedAt).toEqual(now);
  });

  it("a key with the right prefix but a wrong secret is invalid", async () => {
    const { key } = await create();
    const tampered = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    expect((await service.authenticate(tampered)).err).toMatchObject({
      code: "invalid",
      message: "API key is not valid",
    });
  });

  it("unknown prefix → invalid; wrong shape → malformed", async () => {
    expect((await service.authenticate(generateApiKey().key)).err?.code).toBe("invalid");
    for (const k of [
      "",
      "wspec_",
      "wspec_ABC_x",
      "Bearer wspec_abc",
      `wspec_${"a".repeat(12)}_${"b".repeat(42)}`,
    ]) {
      expect((await service.authenticate(k)).err?.code).toBe("malformed");
    }
  });

  it("revoked keys stop working; revoke is tenant-scoped and idempotent", async () => {
    const { key, record } = await create();
    expect(await service.revoke("t2", record.id)).toBe(false);
    expect((await service.authenticate(key)).val).toBeDefined();
    expect(await service.revoke("t1", record.id)).toBe(true);
    expect(await service.revoke("t1", record.id)).toBe(false);
    expect((await service.authenticate(key)).err).toMatchObject({ code: "revoked", keyId: record.id });
  });

  it("expired keys stop working", async () => {
    const { key } = await create(["documents:read"], new Date("2026-11-26T09:00:00Z"));
    expect((await service.authenticate(key)).val).toBeDefined();
    now = new Date("2026-11-26T09:00:00Z");
    expect((await service.authenticate(key)).err?.code).toBe("expired");
  });

  it("creation validates name, scopes within the creator's role, and expiry", async () => {
    const r = await service.create({
      tenantId: "t1",
      name: " ",
      scopes: ["tenants:manage", "documents:nuke"],
      creator: admin,
      expiresAt: new Date("2026-01-01T00:00:00Z"),
    });
    expect(r.err).toEqual([
      "name must be 1-100 characters",
      'scope "tenants:manage" exceeds role "tenant-admin"',
      expect.stringMatching(/^scope "documents:nuke" not in \[documents:read, /),
      "expiresAt must be in the future",
    ]);
    expect(store.records.size).toBe(0);
  });

  it("generated keys do not repeat", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey().prefix));
    expect(keys.size).toBe(2000);
  });
});
