// The metrics endpoint, on its own port (METRICS_PORT, METRICS_HOST: loopback unless set): it is
// never reachable through the API's ingress, and a scrape does not queue behind API traffic.
// It serves GET /metrics and nothing else.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Registry } from "prom-client";

export interface MetricsServer {
  address: AddressInfo;
  close(): Promise<void>;
}

export async function startMetricsServer(opts: {
  registry: Registry;
  port: number;
  host: string;
  logger: Logger;
}): Promise<MetricsServer> {
  const { registry, port, host, logger } = opts;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
        .end("only /metrics is served here\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res
        .writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" })
        .end("GET /metrics\n");
      return;
    }
    registry.metrics().then(
      (body) =>
        res.writeHead(200, { "Content-Type": registry.contentType }).end(req.method === "HEAD" ? "" : body),
      (err: Error) => {
        logger.error({ err }, "metrics collection failed");
        res
          .writeHead(500, { "Content-Type": "text/plain; charset=utf-8" })
          .end("metrics collection failed\n");
      },
    );
  });
  // Scrapers keep connections alive; close() must not wait for them.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  logger.info({ address: address.address, port: address.port }, "metrics listening");
  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
