import { describe, expect, it } from "vitest";
import { databaseUrl, quoteIdent, quoteLiteral } from "./sql.ts";

describe("quoteIdent", () => {
  it("quotes lowercase identifiers", () => {
    expect(quoteIdent("tenant_acme_bank")).toBe('"tenant_acme_bank"');
    expect(quoteIdent("_x1")).toBe('"_x1"');
  });

  it("refuses anything that could change the statement, or exceeds 63 bytes", () => {
    for (const bad of ['a"; drop role postgres; --', "Tenant", "1abc", "a-b", "a b", "", "a".repeat(64)]) {
      expect(() => quoteIdent(bad)).toThrow(
        `SQL identifier ${JSON.stringify(bad)} must match ^[a-z_][a-z0-9_]{0,62}$`,
      );
    }
    expect(quoteIdent("a".repeat(63))).toBe(`"${"a".repeat(63)}"`);
  });
});

describe("quoteLiteral", () => {
  it("doubles single quotes", () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("'; drop role x; --")).toBe("'''; drop role x; --'");
  });

  it("refuses backslashes and NUL", () => {
    for (const bad of ["a\\'", "a\0b"]) {
      expect(() => quoteLiteral(bad)).toThrow(
        "SQL literal must be a string without backslashes or NUL characters",
      );
    }
  });
});

describe("databaseUrl", () => {
  it("keeps server, credentials and options, and changes the database", () => {
    expect(
      databaseUrl("postgres://postgres:p%40ss@127.0.0.1:5433/postgres?sslmode=disable", "wspec_pool"),
    ).toBe("postgres://postgres:p%40ss@127.0.0.1:5433/wspec_pool?sslmode=disable");
  });
});
