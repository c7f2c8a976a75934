// The virus scanner in the health routes: reported by /health/deep, never a reason to take the
// runtime out of service (/health/ready), since uploads wait in pending_scan while it is down.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";

const app = (scannerCheck: () => Promise<unknown>) =>
  createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
    storageCheck: async () => {},
    scannerCheck,
  });

describe("the virus scanner's health", () => {
  it("is a component of /health/deep, down when clamd does not answer, while /health/ready stays 200", async () => {
    const down = app(async () => {
      throw new Error("clamd at tcp://127.0.0.1:3310: ECONNREFUSED");
    });
    const deep = await down.request("/health/deep");
    expect(deep.status).toBe(503);
    const body = (await deep.json()) as { data: { status: string; components: Record<string, unknown> } };
    expect(body.data.status).toBe("degraded");
    expect(body.data.components.virus_scanner).toEqual({
      status: "down",
      latency_ms: expect.any(Number),
      error: "check failed",
    });
    expect((await down.request("/health/ready")).status).toBe(200);
  });

  it("is up when clamd answers", async () => {
    const up = await app(async () => {}).request("/health/deep");
    expect(up.status).toBe(200);
    const body = (await up.json()) as { data: { components: Record<string, { status: string }> } };
    expect(Object.keys(body.data.components)).toEqual(["database", "redis", "storage", "virus_scanner"]);
  });
});
