// Test support (imported by tests only): the app as unit and route tests build it, with a silent
// logger and health stubs, so a test names only what it is about (middleware, routes, clock).
import pino from "pino";
import { type AppDeps, createApp } from "./app.ts";

export function testApp(deps: Omit<AppDeps, "config" | "logger" | "db" | "redis"> = {}) {
  return createApp({
    config: { apiVersion: "2.0.0" },
    logger: pino({ level: "silent" }),
    db: { ping: async () => {} },
    redis: { ping: async () => "PONG" },
    ...deps,
  });
}
