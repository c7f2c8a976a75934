import { describe, expect, it } from "vitest";
import { queueConnection } from "./queues.ts";

describe("queueConnection", () => {
  it("reads host, port, ACL user, password and database from REDIS_URL", () => {
    expect(queueConnection("redis://wspec-app:p%40ss@10.0.0.5:6380/2")).toEqual({
      host: "10.0.0.5",
      port: 6380,
      username: "wspec-app",
      password: "p@ss",
      db: 2,
    });
  });
  it("turns on TLS for rediss:// and defaults the port", () => {
    expect(queueConnection("rediss://cache.example.com")).toEqual({
      host: "cache.example.com",
      port: 6379,
      tls: {},
    });
  });
});
