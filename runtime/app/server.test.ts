import pino from "pino";
import { describe, expect, it } from "vitest";
import { startServer } from "./server.ts";

describe("startServer", () => {
  it("finishes an in-flight request, refuses new connections, then runs cleanups", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const order: string[] = [];
    const running = await startServer({
      fetch: async (req) => {
        if (new URL(req.url).pathname === "/slow") await gate;
        return new Response("done");
      },
      port: 0,
      host: "127.0.0.1",
      logger: pino({ level: "silent" }),
      signals: [],
      cleanups: [async () => order.push("db"), async () => order.push("redis")],
    });
    const base = `http://127.0.0.1:${running.address.port}`;
    const slow = fetch(`${base}/slow`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const stopped = running.shutdown("test");
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${base}/fast`)).rejects.toThrow();
    expect(order).toEqual([]);
    release();
    expect(await slow).toBe("done");
    await stopped;
    expect(order).toEqual(["db", "redis"]);
  });

  it("cuts connections that outlive the timeout", async () => {
    const running = await startServer({
      fetch: () => new Promise<Response>(() => {}),
      port: 0,
      host: "127.0.0.1",
      logger: pino({ level: "silent" }),
      signals: [],
      shutdownTimeoutMs: 100,
    });
    const hung = fetch(`http://127.0.0.1:${running.address.port}/`).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await running.shutdown();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await hung).toBeInstanceOf(Error);
  });
});
