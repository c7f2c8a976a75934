import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox, deriveKey } from "./secret-box.ts";

const k1 = { id: "k1", key: randomBytes(32).toString("base64") };
const k2 = { id: "k2", key: randomBytes(32).toString("base64") };

describe("secret box", () => {
  it("round-trips, with a fresh IV each time", () => {
    const box = createSecretBox([k1]);
    const a = box.seal("JBSWY3DPEHPK3PXP", "tenant-a/user-1");
    expect(a).toMatch(/^v1\.k1\./);
    expect(a).not.toBe(box.seal("JBSWY3DPEHPK3PXP", "tenant-a/user-1"));
    expect(box.open(a, "tenant-a/user-1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses another owner's ciphertext and any tampering", () => {
    const box = createSecretBox([k1]);
    const sealed = box.seal("secret", "tenant-a/user-1");
    expect(() => box.open(sealed, "tenant-a/user-2")).toThrow("does not authenticate");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("x").toString("base64url");
    expect(() => box.open(parts.join("."), "tenant-a/user-1")).toThrow("does not authenticate");
    expect(() => box.open("garbage", "tenant-a/user-1")).toThrow("malformed");
  });

  it("rotates: the new key seals, old keys still open", () => {
    const old = createSecretBox([k1]).seal("s", "o");
    const rotated = createSecretBox([k2, k1]);
    expect(rotated.open(old, "o")).toBe("s");
    expect(rotated.seal("s", "o")).toMatch(/^v1\.k2\./);
    expect(() => createSecretBox([k2]).open(old, "o")).toThrow('unknown key "k1"');
  });

  it("validates keys at construction", () => {
    expect(() => createSecretBox([])).toThrow("at least one key");
    expect(() => createSecretBox([{ id: "k", key: "c2hvcnQ=" }])).toThrow(
      'key "k" must be 32 bytes of base64 (got 5)',
    );
  });

  // Security review, issue 16: TOTP secrets and webhook secrets were sealed with one key, so a
  // value of one kind opened as the other. Each purpose now has its own derived key.
  it("seals each purpose with its own key: a TOTP value does not open as a webhook secret", () => {
    const totp = createSecretBox([k1], { purpose: "totp" });
    const webhook = createSecretBox([k1], { purpose: "webhook-secret" });
    const sealed = totp.seal("JBSWY3DPEHPK3PXP", "tenant-a:x");
    expect(sealed).toMatch(/^v2\.k1\./);
    expect(totp.open(sealed, "tenant-a:x")).toBe("JBSWY3DPEHPK3PXP");
    expect(() => webhook.open(sealed, "tenant-a:x")).toThrow("does not authenticate");
    expect(() => createSecretBox([k1]).open(sealed, "tenant-a:x")).toThrow("needs a box with its purpose");
    // The raw key encrypts nothing: the derived keys differ from it and from each other.
    const rawKey = Buffer.from(k1.key, "base64");
    expect(deriveKey(k1.key, "totp").equals(rawKey)).toBe(false);
    expect(deriveKey(k1.key, "totp").equals(deriveKey(k1.key, "webhook-secret"))).toBe(false);
  });

  it("still opens values sealed before purposes (v1), says they need resealing, and can refuse them", () => {
    const old = createSecretBox([k1]).seal("s", "o");
    const totp = createSecretBox([k1], { purpose: "totp" });
    expect(totp.open(old, "o")).toBe("s");
    expect(totp.needsReseal(old)).toBe(true);
    const resealed = totp.seal(totp.open(old, "o"), "o");
    expect(totp.needsReseal(resealed)).toBe(false);
    expect(createSecretBox([k2, k1], { purpose: "totp" }).needsReseal(resealed)).toBe(true);
    expect(() => createSecretBox([k1], { purpose: "totp", acceptLegacy: false }).open(old, "o")).toThrow(
      "no longer accepted",
    );
    expect(() => createSecretBox([k1], { purpose: "Bad Purpose" })).toThrow("purpose");
  });
});
