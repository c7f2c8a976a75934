import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../context.ts";
import { ApiError } from "../../errors.ts";
import { tierBodyLimit } from "./index.ts";

function app(tier?: "starter" | "enterprise", opts?: Parameters<typeof tierBodyLimit>[0]) {
  const a = new Hono<AppEnv>();
  a.onError((err, c) => c.json({ code: err instanceof ApiError ? err.code : "?" }, 413));
  a.use(async (c, next) => {
    if (tier) c.set("tenant", { id: "t", slug: "t", tier });
    await next();
  });
  a.use(tierBodyLimit(opts));
  a.post("/", async (c) => c.text(String((await c.req.arrayBuffer()).byteLength)));
  return a;
}
const post = (n: number) => ({ method: "POST", body: new Uint8Array(n) });

describe("tierBodyLimit", () => {
  describe("limits", () => {
    it("uses the tenant's tier", async () => {
      const limits = { starter: 5, professional: 5, enterprise: 50 };
      expect((await app("starter", { limits }).request("/", post(6))).status).toBe(413);
      expect(await (await app("enterprise", { limits }).request("/", post(50))).text()).toBe("50");
    });
  });

  describe("anonymous", () => {
    it("applies before a tenant is known", async () => {
      expect((await app(undefined, { anonymous: 3 }).request("/", post(4))).status).toBe(413);
      expect((await app(undefined, { anonymous: 3 }).request("/", post(3))).status).toBe(200);
    });
  });

  it("fails at construction on a bad limit", () => {
    expect(() => tierBodyLimit({ anonymous: 0 })).toThrow(
      "tierBodyLimit: limit for anonymous must be a positive integer, got 0",
    );
  });
});
