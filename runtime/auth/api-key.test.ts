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

async function create(scopes: string[] = ["documents:read"], expiresAt?: Date) {
  const r = await service.create({
    tenantId: "t1",
    tenantSlug: "acme",
    name: "ci upload",
    scopes,
    creator: admin,
    expiresAt,
  });
  if (!r.val) throw new Error(r.err.join("; "));
  return r.val;
}

describe("API keys", () => {
  it("have the wspec_<tenant>_<prefix>_<secret> form and are stored as prefix + SHA-256 only", async () => {
    const { key, record } = await create();
    expect(key).toMatch(/^wspec_acme_[0-9a-z]{12}_[0-9A-Za-z]{43}$/);
    expect(parseApiKey(key)).toMatchObject({ tenant: "acme", prefix: record.prefix });
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
    expect((await service.authenticate(generateApiKey("acme").key)).err?.code).toBe("invalid");
    for (const k of [
      "",
      "wspec_",
      "wspec_ABC_x",
      "Bearer wspec_abc",
      `wspec_Acme_${"a".repeat(12)}_${"b".repeat(43)}`,
      `wspec_acme-_${"a".repeat(12)}_${"b".repeat(43)}`,
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
      tenantSlug: "acme",
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
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey("acme").prefix));
    expect(keys.size).toBe(2000);
  });

  it("a key names its tenant: presented under another tenant's name it is invalid", async () => {
    const { key } = await create();
    store.tenants.set("t1", { slug: "acme", status: "active" });
    const renamed = key.replace("wspec_acme_", "wspec_globex_");
    expect((await service.authenticate(renamed)).err?.code).toBe("invalid");
    expect((await service.authenticate(key)).val?.tenantId).toBe("t1");
  });
});

// Security review, issue 16: a key outlived its creator (disabled, demoted) and its tenant's
// suspension, and never expired unless asked to.
describe("API keys follow their creator and tenant", () => {
  it("stop working when the creator is disabled or deleted", async () => {
    const { key, record } = await create();
    store.creators.set(admin.id, { role: "tenant-admin", status: "disabled" });
    expect((await service.authenticate(key)).err).toMatchObject({
      code: "revoked",
      message: "API key's creator is disabled or no longer exists",
      keyId: record.id,
    });
    store.creators.set(admin.id, undefined);
    expect((await service.authenticate(key)).err?.code).toBe("revoked");
  });

  it("narrow to what a demoted creator still holds, and end when nothing is left", async () => {
    const { key } = await create(["documents:read", "users:manage", "audit:read"]);
    store.creators.set(admin.id, { role: "compliance-officer", status: "active" });
    const { val } = await service.authenticate(key);
    expect(val?.role).toBe("compliance-officer");
    expect(val?.scopes).toEqual(["documents:read", "audit:read"]);
    expect(val && allows(val, "users:manage")).toBe(false);
    const only = await create(["users:manage"]);
    store.creators.set(admin.id, { role: "end-user", status: "active" });
    expect((await service.authenticate(only.key)).err).toMatchObject({
      code: "revoked",
      message: "API key's creator (now end-user) holds none of its scopes",
    });
  });

  it("never widen when the creator is promoted", async () => {
    const { key } = await create(["documents:read"]);
    store.creators.set(admin.id, { role: "global-admin", status: "active" });
    const { val } = await service.authenticate(key);
    expect(val).toMatchObject({ role: "tenant-admin", scopes: ["documents:read"] });
  });

  it("are refused while the tenant is suspended", async () => {
    const { key } = await create();
    store.tenants.set("t1", { slug: "acme", status: "suspended" });
    expect((await service.authenticate(key)).err).toMatchObject({
      code: "suspended",
      message: "API key's tenant is suspended",
    });
  });

  it("expire in 90 days by default; a longer life is bounded to 365 days", async () => {
    const { key, record } = await create();
    expect(record.expiresAt).toEqual(new Date(now.getTime() + 90 * 86_400_000));
    now = new Date(now.getTime() + 90 * 86_400_000);
    expect((await service.authenticate(key)).err?.code).toBe("expired");
    const year = await create(["documents:read"], new Date(now.getTime() + 365 * 86_400_000));
    expect(year.record.expiresAt).toEqual(new Date(now.getTime() + 365 * 86_400_000));
    const r = await service.create({
      tenantId: "t1",
      tenantSlug: "acme",
      name: "forever",
      scopes: ["documents:read"],
      creator: admin,
      expiresAt: new Date(now.getTime() + 366 * 86_400_000),
    });
    expect(r.err).toEqual(["expiresAt must be at most 365 days ahead"]);
  });

  it("made before expiry was the default (no expiresAt) end 365 days after creation", async () => {
    const { key, record } = await create();
    store.records.set(record.id, { ...record, expiresAt: null });
    now = new Date(record.createdAt.getTime() + 364 * 86_400_000);
    expect((await service.authenticate(key)).val).toBeDefined();
    now = new Date(record.createdAt.getTime() + 365 * 86_400_000);
    expect((await service.authenticate(key)).err?.code).toBe("expired");
  });

  it("made before keys named their tenant (wspec_<prefix>_<secret>) still work", async () => {
    const { record } = await create();
    const legacy = `wspec_${record.prefix}_${"L".repeat(43)}`;
    store.records.set(record.id, { ...record, keyHash: hashApiKey(legacy) });
    expect(parseApiKey(legacy)).toMatchObject({ tenant: undefined, prefix: record.prefix });
    expect((await service.authenticate(legacy)).val?.tenantId).toBe("t1");
  });
});
