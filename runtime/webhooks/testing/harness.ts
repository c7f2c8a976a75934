// Test support (imported by *.int.test.ts only): a fresh database with two tenants, the webhook
// routes behind real bearer tokens, the delivery queue and worker on the local Redis under a
// per-run prefix, and a receiver on 127.0.0.1 that records what it gets.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import pino from "pino";
import { loadLocalEnv } from "../../../scripts/env/index.ts";
import { createApp } from "../../app/index.ts";
import type { Role } from "../../auth/rbac.ts";
import { authenticateRequests } from "../../auth/routes/index.ts";
import { createSecretBox } from "../../auth/secret-box.ts";
import { type AuthFixture, authFixture, testAccessTokens } from "../../auth/stores/testing.ts";
import { queueConnection } from "../../queues.ts";
import type { DispatchDeps } from "../dispatch.ts";
import { DeliveryQueue } from "../queue.ts";
import { registerWebhookRoutes, type WebhookRouteDeps } from "../routes/index.ts";
import { type DestinationPolicy, type Lookup, systemLookup } from "../ssrf.ts";
import { startWebhookWorker, type WebhookWorker } from "../worker.ts";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Replies by path; unknown paths answer 404. */
export type Reply = (req: Received) => { status: number; body?: string };

export interface ApiBody {
  data: Record<string, unknown> & {
    id: string;
    secret: string;
    items: Record<string, unknown>[];
    next_cursor: string | null;
  };
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

export interface Harness {
  fx: AuthFixture;
  secretBox: ReturnType<typeof createSecretBox>;
  queue: DeliveryQueue;
  dispatch: DispatchDeps;
  worker: WebhookWorker;
  receiverUrl: string;
  received: Received[];
  replies: Map<string, Reply>;
  /** An app whose SSRF policy allows loopback over http (the receiver) and one with the defaults. */
  call(
    method: string,
    path: string,
    opts?: { body?: unknown; token?: string; strict?: boolean },
  ): Promise<{ status: number; body: ApiBody }>;
  token(slug: string, role: Role): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(schedule: readonly number[]): Promise<Harness> {
  const env = await loadLocalEnv();
  const connection = queueConnection(env.redis.url);
  const prefix = `wspec-webhooks-test-${process.pid}-${Date.now()}`;
  const fx = await authFixture(["acme", "globex"]);
  const secretBox = createSecretBox([{ id: "k1", key: Buffer.alloc(32, 9).toString("base64") }]);
  const accessTokens = await testAccessTokens();

  const received: Received[] = [];
  const replies = new Map<string, Reply>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const got: Received = {
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      received.push(got);
      const reply = replies.get(got.path)?.(got) ?? { status: 404, body: "no such hook" };
      res.writeHead(reply.status, { "content-type": "text/plain" }).end(reply.body ?? "");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("receiver has no port");
  const receiverUrl = `http://127.0.0.1:${address.port}`;

  const queue = new DeliveryQueue({ connection, prefix });
  // The sandbox has no DNS: *.example.com stands for a public receiver (a documentation address).
  const lookup: Lookup = async (host) =>
    host.endsWith(".example.com") ? [{ address: "93.184.215.14", family: 4 }] : systemLookup(host);
  const loopback: DestinationPolicy = { allowPrivate: true, allowHttp: true, lookup };
  const worker = startWebhookWorker({
    connection,
    prefix,
    databases: fx.dbs,
    secretBox,
    policy: loopback,
    schedule,
    timeoutMs: 5000,
    logger: pino({ level: "silent" }),
  });
  const appWith = (policy: DestinationPolicy) => {
    const deps: WebhookRouteDeps = { databases: fx.dbs, secretBox, queue, policy, timeoutMs: 5000 };
    return createApp({
      config: { apiVersion: "2.0.0" },
      logger: pino({ level: "silent" }),
      db: { ping: async () => {} },
      redis: { ping: async () => "PONG" },
      middleware: [authenticateRequests({ accessTokens, registry: fx.registry })],
      routes: [registerWebhookRoutes(deps)],
    });
  };
  const open = appWith(loopback);
  const strict = appWith({ lookup });
  const users = new Map<string, string>();

  return {
    fx,
    secretBox,
    queue,
    dispatch: { databases: fx.dbs, queue },
    worker,
    receiverUrl,
    received,
    replies,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const res = await (opts.strict ? strict : open).request(path, {
        method,
        headers,
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      });
      return { status: res.status, body: (await res.json()) as ApiBody };
    },
    async token(slug, role) {
      const k = `${slug}/${role}`;
      let id = users.get(k);
      if (!id) {
        id = await fx.addUser(slug, { email: `${role}@${slug}.test`, role });
        users.set(k, id);
      }
      return (await accessTokens.issue({ sub: id, tenant: fx.tenantId(slug), role, scopes: ["*"] })).token;
    },
    async close() {
      await worker.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      await new Promise<void>((r) => server.close(() => r()));
      await fx.close();
    },
  };
}

export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
