// authFromEnv without a database: off when unset, every bad variable named, wiring when valid.
import { describe, expect, it } from "vitest";
import { TenantRegistry } from "../../db/index.ts";
import { generateAccessTokenKey } from "../access-token.ts";
import { authFromEnv } from "./from-env.ts";

const services = {
  databases: {
    withTenant: async () => {
      throw new Error("no database in this test");
    },
  },
  registry: new TenantRegistry(),
};

describe("authFromEnv", () => {
  it("wires nothing without AUTH_JWT_PRIVATE_KEY", async () => {
    expect(await authFromEnv({}, services)).toEqual({ val: undefined });
  });

  it("names each bad variable and hides values", async () => {
    const r = await authFromEnv(
      { AUTH_JWT_PRIVATE_KEY: "nope", AUTH_SECRET_BOX_KEY: "c2hvcnQ=", AUTH_ACCESS_TTL_SECONDS: "5" },
      services,
    );
    expect(r.err).toBe(
      "invalid auth configuration: AUTH_JWT_PRIVATE_KEY (set, hidden): must be a PKCS#8 PEM Ed25519 private key; " +
        "AUTH_ACCESS_TTL_SECONDS (set, hidden): Too small: expected number to be >=30; " +
        "AUTH_SECRET_BOX_KEY (set, hidden): must be 32 bytes of base64",
    );
  });

  it("builds the middleware and the routes, which refuse a request without credentials", async () => {
    const key = await generateAccessTokenKey("k1");
    const r = await authFromEnv(
      {
        AUTH_JWT_PRIVATE_KEY: key.privateKeyPem.replaceAll("\n", "\\n"),
        AUTH_SECRET_BOX_KEY: Buffer.alloc(32, 1).toString("base64"),
      },
      services,
    );
    expect(r.err).toBeUndefined();
    expect(typeof r.val?.middleware).toBe("function");
    expect(typeof r.val?.routes).toBe("function");
  });
});
