import { describe, expect, it } from "vitest";
import { checkPassword, createPasswordHasher, DEFAULT_ARGON2_PARAMS } from "./password.ts";

describe("password hashing (argon2id)", () => {
  const hasher = createPasswordHasher();

  it("hashes with the documented parameters in PHC form, salted", async () => {
    const a = await hasher.hash("correct horse battery staple");
    const b = await hasher.hash("correct horse battery staple");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and refuses a wrong or malformed one", async () => {
    const h = await hasher.hash("correct horse battery staple");
    expect(await hasher.verify(h, "correct horse battery staple")).toBe(true);
    expect(await hasher.verify(h, "correct horse battery stapl")).toBe(false);
    expect(await hasher.verify("not-a-hash", "x")).toBe(false);
    expect(await hasher.verify("$argon2id$garbage", "x")).toBe(false);
  });

  it("a pepper is required to verify peppered hashes", async () => {
    const peppered = createPasswordHasher({ pepper: "server-side-secret" });
    const h = await peppered.hash("correct horse battery staple");
    expect(await peppered.verify(h, "correct horse battery staple")).toBe(true);
    expect(await hasher.verify(h, "correct horse battery staple")).toBe(false);
  });

  it("needsRehash flags hashes made with other parameters", async () => {
    const weak = createPasswordHasher({ params: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    expect(hasher.needsRehash(await weak.hash("pw"))).toBe(true);
    expect(hasher.needsRehash(await hasher.hash("pw"))).toBe(false);
    expect(hasher.needsRehash("garbage")).toBe(true);
    expect(DEFAULT_ARGON2_PARAMS).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it("rejects unusable parameters at construction", () => {
    expect(() => createPasswordHasher({ params: { memoryCost: 1, timeCost: 0, parallelism: 1 } })).toThrow(
      "argon2 params invalid",
    );
  });
});

describe("checkPassword", () => {
  it("accepts a decent passphrase", () => {
    expect(checkPassword("violet kettle on the moor", { email: "ana@bank.example" })).toEqual([]);
  });

  it.each([
    ["short1", "too_short", "password must be at least 12 characters (got 6)"],
    ["x".repeat(129), "too_long", "password must be at most 128 characters (got 129)"],
    [
      "ana.lopez@bank.example",
      "contains_email",
      "password must not contain your email address or its user name",
    ],
    ["myAna.Lopez2026!!", "contains_email", "password must not contain your email address or its user name"],
    ["aaaaaaaaaaaaaaa", "too_few_distinct", "password must use at least 5 different characters"],
    ["Password1234", "common", "password is too common; choose a longer passphrase"],
    ["abcdefghijklmn", "sequence", "password must not be a keyboard or alphabet sequence"],
    ["9876543210987", "sequence", "password must not be a keyboard or alphabet sequence"],
    ["tab\there is bad!", "control_chars", "password must not contain control characters"],
  ])("%j → %s", (password, code, message) => {
    const issues = checkPassword(password, { email: "ana.lopez@bank.example" });
    expect(issues).toContainEqual({ code, message });
  });

  it("rejects the user's name", () => {
    expect(checkPassword("i am Gonzalez forever", { name: "gonzalez" }).map((i) => i.code)).toEqual([
      "contains_name",
    ]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(checkPassword("🔒🔑🗝️🚪🏦🔐🧾📄📁🗂️🖋️✅", {})).toEqual([]);
  });
});
