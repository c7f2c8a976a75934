// Serves an app over HTTP with graceful shutdown: on SIGTERM/SIGINT stop accepting, let in-flight
// requests finish (up to a timeout, then cut the remaining connections), run the cleanups (pools,
// Redis) and resolve `closed`.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Logger } from "pino";

export interface ServeOptions {
  fetch: (req: Request) => Response | Promise<Response>;
  port: number;
  host: string;
  logger: Logger;
  /** @default 25000 (under Kubernetes' 30 s grace period) */
  shutdownTimeoutMs?: number;
  /** Run after the server closed, in order (close pools, quit Redis). */
  cleanups?: (() => Promise<unknown>)[];
  /** @default ["SIGTERM", "SIGINT"] */
  signals?: NodeJS.Signals[];
}

export interface RunningServer {
  server: ServerType;
  address: AddressInfo;
  /** Starts a graceful shutdown (idempotent); resolves when everything closed. */
  shutdown(reason?: string): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const { fetch, port, host, logger, shutdownTimeoutMs = 25_000, cleanups = [] } = opts;
  const signals = opts.signals ?? ["SIGTERM", "SIGINT"];
  const { server, address } = await new Promise<{ server: ServerType; address: AddressInfo }>(
    (resolve, reject) => {
      const s = serve({ fetch, port, hostname: host }, (info) => resolve({ server: s, address: info }));
      s.once("error", reject);
    },
  );
  logger.info({ address: address.address, port: address.port }, "listening");

  let closing: Promise<void> | undefined;
  const shutdown = (reason = "shutdown") => {
    closing ??= (async () => {
      logger.info({ reason }, "shutting down: no new connections, draining in-flight requests");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open until they time out.
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), shutdownTimeoutMs);
      });
      if ((await Promise.race([closed, timedOut])) === "timeout") {
        logger.warn(
          { shutdownTimeoutMs },
          "in-flight requests outlived the timeout; closing their connections",
        );
        if ("closeAllConnections" in server) server.closeAllConnections();
        await closed;
      }
      clearTimeout(timer);
      for (const cleanup of cleanups) {
        try {
          await cleanup();
        } catch (err) {
          logger.error({ err }, "cleanup failed during shutdown");
        }
      }
      for (const s of signals) process.off(s, onSignal);
      logger.info("stopped");
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  for (const s of signals) process.on(s, onSignal);
  return { server, address, shutdown };
}
