import { describe, expect, it } from "vitest";
import { createTotpSetup, totpCode, verifyTotp } from "./totp.ts";

const now = new Date("2026-11-26T08:00:10Z");
const step = Math.floor(now.getTime() / 1000 / 30);

describe("TOTP", () => {
  it("setup gives a 160-bit base32 secret and an otpauth URI", () => {
    const { secret, uri } = createTotpSetup({ issuer: "wspec (acme-bank)", accountName: "ana@acme.example" });
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/wspec (acme-bank):ana@acme.example");
    expect(url.searchParams.get("secret")).toBe(secret);
    expect(url.searchParams.get("issuer")).toBe("wspec (acme-bank)");
  });

  it("accepts the current code and returns its step", async () => {
    const { secret } = createTotpSetup({ issuer: "wspec", accountName: "a" });
    const code = await totpCode(secret, now);
    expect(await verifyTotp({ secret, code, lastUsedStep: null, now })).toEqual({ val: { step } });
  });

  it("accepts ±1 step of drift, not ±2", async () => {
    const { secret } = createTotpSetup({ issuer: "wspec", accountName: "a" });
    for (const [offset, ok] of [
      [-60, false],
      [-30, true],
      [30, true],
      [60, false],
    ] as const) {
      const code = await totpCode(secret, new Date(now.getTime() + offset * 1000));
      const r = await verifyTotp({ secret, code, lastUsedStep: null, now });
      expect(r.val !== undefined).toBe(ok);
      if (!ok) expect(r.err).toMatchObject({ code: "invalid", message: "code is not valid" });
      else expect(r.val?.step).toBe(step + offset / 30);
    }
  });

  it("refuses a replayed code, and an older code after a newer one was used", async () => {
    const { secret } = createTotpSetup({ issuer: "wspec", accountName: "a" });
    const code = await totpCode(secret, now);
    const first = await verifyTotp({ secret, code, lastUsedStep: null, now });
    const lastUsedStep = first.val?.step ?? null;
    expect((await verifyTotp({ secret, code, lastUsedStep, now })).err).toMatchObject({
      code: "replayed",
      message: "code was already used; wait for the next one",
    });
    const previous = await totpCode(secret, new Date(now.getTime() - 30_000));
    expect((await verifyTotp({ secret, code: previous, lastUsedStep, now })).err?.code).toBe("replayed");
    const next = await totpCode(secret, new Date(now.getTime() + 30_000));
    expect(
      (await verifyTotp({ secret, code: next, lastUsedStep, now: new Date(now.getTime() + 30_000) })).val
        ?.step,
    ).toBe(step + 1);
  });

  it("rejects malformed codes and a code of another secret", async () => {
    const a = createTotpSetup({ issuer: "wspec", accountName: "a" });
    const b = createTotpSetup({ issuer: "wspec", accountName: "b" });
    for (const code of ["", "12345", "1234567", "abcdef"]) {
      expect((await verifyTotp({ secret: a.secret, code, lastUsedStep: null, now })).err?.code).toBe(
        "malformed",
      );
    }
    expect(
      (await verifyTotp({ secret: a.secret, code: "123 456", lastUsedStep: null, now })).err?.code,
    ).not.toBe("malformed");
    const other = await totpCode(b.secret, now);
    const r = await verifyTotp({ secret: a.secret, code: other, lastUsedStep: null, now });
    // a 1-in-a-million chance of collision across the 3 accepted steps
    expect(r.err?.code ?? "collision").toMatch(/invalid|collision/);
  });
});
