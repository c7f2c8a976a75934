// The list cursors' signature. Security review, issue 16: without a configured key they were
// signed with a constant in this repository, so anyone could make one up.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeCursor, encodeCursor, fingerprint } from "./cursor.ts";

const scope = { q: "invoice", caller: "u1" };
const position = z.tuple([z.number(), z.string()]);

describe("page cursors", () => {
  it("round-trip under one key and are refused under another", () => {
    const c = encodeCursor([3, "d1"], scope, "deployment-key");
    expect(decodeCursor(c, scope, position, "deployment-key")).toEqual({ val: [3, "d1"] });
    expect(decodeCursor(c, scope, position, "other-key").err).toBe("is not a cursor returned by this API");
  });

  it("without a key, are not signed with a constant anyone can read", () => {
    const f = fingerprint(scope);
    const p = [0, "00000000-0000-4000-8000-000000000000"];
    const s = createHmac("sha256", "wspec:documents:cursor")
      .update(JSON.stringify([p, f]))
      .digest("base64url");
    const madeUp = Buffer.from(JSON.stringify({ v: 1, p, f, s })).toString("base64url");
    expect(decodeCursor(madeUp, scope, position).err).toBe("is not a cursor returned by this API");
    expect(decodeCursor(encodeCursor(p, scope), scope, position)).toEqual({ val: p });
  });

  it("are refused for another query or caller", () => {
    const c = encodeCursor([1, "x"], scope);
    expect(decodeCursor(c, { ...scope, caller: "u2" }, position).err).toBe(
      "was issued for a different query or caller; repeat the query without it",
    );
  });
});
