import pino from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../app/index.ts";
import { wspecClient } from "./index.ts";

// The app answers through its own fetch, so the typed client is exercised end to end: paths,
// envelopes and errors as the generated types describe them.
function client(token?: string) {
  const app = createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
  });
  const fetchApp: typeof fetch = async (input, init) => app.fetch(new Request(input, init));
  return wspecClient("http://runtime.test", { fetch: fetchApp, ...(token ? { token } : {}) });
}

describe("wspecClient", () => {
  it("calls a typed path and returns the envelope's data", async () => {
    const { data, error, response } = await client().GET("/health");
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data?.data.status).toBe("ok");
    expect(data?.data.version).toBe("2.0.0");
  });

  it("returns the error envelope, typed, for an error status", async () => {
    const { data, error, response } = await client("not-a-token").GET("/api/v2/documents/{id}", {
      params: { path: { id: "00000000-0000-4000-8000-000000000001" } },
    });
    // No documents module in this app: the route is unknown here, and the error is the envelope.
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe("NOT_FOUND");
  });

  it("sends the token as a bearer credential", async () => {
    let seen: string | null = null;
    const spy: typeof fetch = async (input, init) => {
      seen = new Request(input, init).headers.get("authorization");
      return Response.json({ data: { status: "ok", version: "x", uptime_seconds: 0 }, meta: {} });
    };
    await wspecClient("http://runtime.test", { token: "t0k", fetch: spy }).GET("/health");
    expect(seen).toBe("Bearer t0k");
  });
});
