import { describe, expect, it } from "vitest";
import { aclRules } from "./redis-acl-user.ts";

describe("aclRules", () => {
  it("confines keys and channels to the prefix; all commands but the dangerous ones, plus INFO", () => {
    expect(aclRules("t:acme-bank:")).toEqual([
      "~t:acme-bank:*",
      "&t:acme-bank:*",
      "+@all",
      "-@dangerous",
      "+info",
    ]);
  });

  it("refuses prefixes that would widen the pattern", () => {
    for (const bad of ["t:*:", "t:acme", "t:a?:", "t:[a]:", "", "t::"]) {
      expect(() => aclRules(bad)).toThrow(
        `Redis key prefix "${bad}" must be lowercase words separated and ended by ':'`,
      );
    }
  });
});
