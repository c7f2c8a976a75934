import { describe, expect, it } from "vitest";
import {
  AdminSetupSecretSchema,
  adminSetupSecret,
  decodeSecretData,
  hashSetupToken,
  isSetupTokenShape,
  newSetupToken,
  setupTokenMatches,
} from "./index.ts";

describe("the admin setup Secret contract", () => {
  it("holds hashes only, and parses back to the admins with their expiry", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const { body, issued } = adminSetupSecret({
      tenantId: "acme",
      namespace: "tenant-acme",
      admins: ["a@acme.test"],
      now,
    });
    expect(issued[0]?.expiresAt).toBe("2026-01-04T00:00:00.000Z");
    expect(JSON.stringify(body)).not.toContain(issued[0]?.token);
    expect(body.metadata.labels).toEqual({
      "app.kubernetes.io/managed-by": "wspec",
      "wspec.io/tenant": "acme",
    });
    const base64 = Object.fromEntries(
      Object.entries(body.stringData).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
    );
    const parsed = AdminSetupSecretSchema.parse(decodeSecretData(base64));
    expect(parsed.ADMINS).toEqual([
      {
        email: "a@acme.test",
        tokenSha256: hashSetupToken(issued[0]?.token ?? ""),
        expiresAt: issued[0]?.expiresAt,
      },
    ]);
  });

  it("names the bad key of a malformed Secret", () => {
    const bad = AdminSetupSecretSchema.safeParse({ TENANT_ID: "acme", ADMINS: "[{]" });
    expect(bad.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "ADMINS: must be a JSON array",
    ]);
    const wrong = AdminSetupSecretSchema.safeParse({
      TENANT_ID: "acme",
      ADMINS: JSON.stringify([{ email: "x@y.test", tokenSha256: "abc", expiresAt: "soon" }]),
    });
    expect(wrong.error?.issues.map((i) => i.path.join("."))).toEqual([
      "ADMINS.0.tokenSha256",
      "ADMINS.0.expiresAt",
    ]);
  });

  it("matches a token only against its own hash", () => {
    const token = newSetupToken();
    expect(isSetupTokenShape(token)).toBe(true);
    expect(isSetupTokenShape(`${token}x`)).toBe(false);
    expect(setupTokenMatches(token, hashSetupToken(token))).toBe(true);
    expect(setupTokenMatches(newSetupToken(), hashSetupToken(token))).toBe(false);
    expect(setupTokenMatches(token, "not-hex")).toBe(false);
  });
});
