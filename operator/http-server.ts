// The operator's HTTP surface: liveness, readiness, Prometheus metrics, and the sales-ops
// control-plane API and console.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Registry } from "prom-client";
import { type ConsoleDeps, registerConsole } from "./console/console-api.ts";

export interface HttpServerOptions {
  readonly registry: Registry;
  readonly ready: () => boolean;
  readonly isLeader: () => boolean;
  /** The sales-ops control-plane API and console, when configured. */
  readonly console?: ConsoleDeps;
}

export function operatorApp({ registry, ready, isLeader, console: consoleDeps }: HttpServerOptions): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
      },
    }),
  );
  app.get("/healthz", (c) => c.text("ok"));
  app.get("/readyz", (c) =>
    ready() ? c.text(isLeader() ? "ok (leader)" : "ok (standby)") : c.text("informers not synced", 503),
  );
  app.get("/metrics", async (c) =>
    c.body(await registry.metrics(), 200, { "Content-Type": registry.contentType }),
  );
  if (consoleDeps) registerConsole(app, consoleDeps);
  return app;
}

/** Resolves with the bound port (0 picks a free one) and a close function. */
export function startHttpServer(
  app: Hono,
  host: string,
  port: number,
): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({
        port: info.port,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
