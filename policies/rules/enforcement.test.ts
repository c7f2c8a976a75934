import { describe, expect, it } from "vitest";
import { bindingFrameworks, ruleLevel } from "./enforcement.ts";

describe("ruleLevel", () => {
  it("makes a rule mandatory when one of the profile's frameworks binds it, advisory otherwise", () => {
    expect(ruleLevel("data-residency", { frameworks: ["GDPR"], deletionProtection: false })).toBe(
      "mandatory",
    );
    expect(ruleLevel("data-residency", { frameworks: ["SOC2"], deletionProtection: false })).toBe("advisory");
    expect(ruleLevel("tls-min-version", { frameworks: ["GDPR", "HIPAA"], deletionProtection: false })).toBe(
      "mandatory",
    );
    expect(ruleLevel("logging", { frameworks: ["GDPR"], deletionProtection: false })).toBe("advisory");
  });

  it("makes deletion protection mandatory whenever the profile asks for it", () => {
    expect(ruleLevel("deletion-protection", { frameworks: ["GDPR"], deletionProtection: false })).toBe(
      "advisory",
    );
    expect(ruleLevel("deletion-protection", { frameworks: ["GDPR"], deletionProtection: true })).toBe(
      "mandatory",
    );
    expect(ruleLevel("deletion-protection", { frameworks: ["SOX"], deletionProtection: false })).toBe(
      "mandatory",
    );
  });

  it("names the frameworks that bind a rule", () => {
    expect(bindingFrameworks("encryption-at-rest", { frameworks: ["SOX", "HIPAA", "GDPR"] })).toEqual([
      "HIPAA",
      "GDPR",
    ]);
  });
});
