import { describe, expect, it } from "vitest";
import { locationFromSecret } from "../db/index.ts";
import { derivedAuditKey, tenantAuditKeys } from "./keys.ts";

const ROOT = Buffer.alloc(32, 5).toString("base64");
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

describe("tenantAuditKeys", () => {
  it("keys every tenant by default with its own derived key, the operator's key first when given", () => {
    const keys = tenantAuditKeys({ tenantKey: (t) => (t === B ? "o".repeat(64) : undefined), rootKey: ROOT });
    expect(keys(A)).toEqual([derivedAuditKey(ROOT, A)]);
    expect(keys(B)).toEqual(["o".repeat(64), derivedAuditKey(ROOT, B)]);
    expect(derivedAuditKey(ROOT, A)).toMatch(/^[0-9a-f]{64}$/);
    expect(derivedAuditKey(ROOT, A)).not.toBe(derivedAuditKey(ROOT, B));
    expect(derivedAuditKey(ROOT, A)).not.toBe(derivedAuditKey(Buffer.alloc(32, 6).toString("base64"), A));
  });

  it("refuses a short root key", () => {
    expect(() => tenantAuditKeys({ tenantKey: () => undefined, rootKey: "c2hvcnQ=" })).toThrow(
      "tenantAuditKeys: rootKey must be at least 32 bytes of base64",
    );
  });
});

describe("the operator's key in the tenant's Secret", () => {
  const secret = {
    TENANT_ID: "acme-bank",
    TENANT_TIER: "starter",
    DATABASE_HOST: "127.0.0.1",
    DATABASE_PORT: "5432",
    DATABASE_NAME: "wspec",
    DATABASE_SCHEMA: "public",
    DATABASE_USER: "u",
    DATABASE_PASSWORD: "p",
    REDIS_KEY_PREFIX: "t:acme-bank:",
  };
  it("is read as AUDIT_HMAC_KEY, and a short one is refused naming the key", () => {
    expect(locationFromSecret({ ...secret, AUDIT_HMAC_KEY: "a".repeat(64) }).val?.auditKey).toBe(
      "a".repeat(64),
    );
    expect(locationFromSecret(secret).val?.auditKey).toBeUndefined();
    expect(locationFromSecret({ ...secret, AUDIT_HMAC_KEY: "short" }).err).toBe(
      "AUDIT_HMAC_KEY: must be at least 32 characters",
    );
  });
});
