import { describe, expect, it } from "vitest";
import { hashSetupToken, newSetupToken } from "../../lib/tenant-secrets/index.ts";
import { SetupTokens } from "./setup-tokens.ts";

describe("SetupTokens", () => {
  const token = newSetupToken();
  const entry = {
    email: "a@acme.test",
    tokenSha256: hashSetupToken(token),
    expiresAt: "2026-01-04T00:00:00Z",
  };

  it("finds the admin of a token of this tenant until it expires", () => {
    const tokens = new SetupTokens();
    tokens.set("t1", [entry]);
    expect(tokens.lookup("t1", token, new Date("2026-01-03T23:59:59Z"))).toEqual({ kind: "valid", entry });
    expect(tokens.lookup("t1", token, new Date("2026-01-04T00:00:00Z"))).toEqual({ kind: "expired", entry });
    expect(tokens.lookup("t2", token, new Date("2026-01-01T00:00:00Z"))).toEqual({ kind: "unknown" });
    expect(tokens.lookup("t1", newSetupToken(), new Date("2026-01-01T00:00:00Z"))).toEqual({
      kind: "unknown",
    });
    tokens.delete("t1");
    expect(tokens.lookup("t1", token, new Date("2026-01-01T00:00:00Z"))).toEqual({ kind: "unknown" });
  });
});
