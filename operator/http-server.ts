// The operator's HTTP surface: liveness, readiness and Prometheus metrics. The control-plane API
// and console (sales ops) mount on the same app with their issue.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Registry } from "prom-client";

export interface HttpServerOptions {
  readonly registry: Registry;
  readonly ready: () => boolean;
  readonly isLeader: () => boolean;
}

export function operatorApp({ registry, ready, isLeader }: HttpServerOptions): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.text("ok"));
  app.get("/readyz", (c) =>
    ready() ? c.text(isLeader() ? "ok (leader)" : "ok (standby)") : c.text("informers not synced", 503),
  );
  app.get("/metrics", async (c) =>
    c.body(await registry.metrics(), 200, { "Content-Type": registry.contentType }),
  );
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
