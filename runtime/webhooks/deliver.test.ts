// Deliveries to a real HTTP receiver on loopback (allowPrivate and allowHttp on, as a local
// receiver needs), verified with the Standard Webhooks reference verifier.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DeliveryResult, deliver, RESPONSE_SNIPPET_CHARS } from "./deliver.ts";
import { createEvent } from "./events.ts";
import { MAX_ATTEMPTS, RETRY_SCHEDULE_MS } from "./schedule.ts";
import { generateSecret } from "./secrets.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
type Reply = (r: Received) => { status: number; body?: string; delayMs?: number };

let server: Server;
let base: string;
let received: Received[] = [];
let reply: Reply = () => ({ status: 204 });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(r);
      const { status, body = "", delayMs = 0 } = reply(r);
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(status, { "content-type": "text/plain" }).end(body);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
  reply = () => ({ status: 204 });
});

const local = { allowPrivate: true, allowHttp: true };

/** A receiver that knows only `secret` and answers 400 with the verifier's message on failure. */
const verifying =
  (secret: string): Reply =>
  ({ headers, body }) => {
    try {
      new Webhook(secret).verify(body, headers as Record<string, string>);
      return { status: 204 };
    } catch (err) {
      return { status: 400, body: (err as Error).message };
    }
  };

const event = () => createEvent("document.created", { documentId: "d-42", name: "invoice.pdf" });

describe("deliver to a verifying receiver", () => {
  it("is verified by the Standard Webhooks verifier and reported delivered", async () => {
    const secret = generateSecret();
    reply = verifying(secret);
    const e = event();
    const r = await deliver({ url: `${base}/hooks`, secrets: [secret] }, e, local);
    expect(r).toMatchObject({
      messageId: e.id,
      attempt: 1,
      outcome: "delivered",
      status: 204,
      error: null,
      nextAttemptAt: null,
      disabled: false,
    });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers["content-type"]).toBe("application/json");
    expect(received[0]?.headers["webhook-id"]).toBe(e.id);
    expect(JSON.parse(received[0]?.body ?? "")).toMatchObject({
      type: "document.created",
      data: { documentId: "d-42" },
    });
  });

  it("during rotation, a receiver knowing only the new or only the old secret verifies", async () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const endpoint = { url: `${base}/hooks`, secrets: [newSecret, oldSecret] };
    reply = verifying(newSecret);
    expect((await deliver(endpoint, event(), local)).status).toBe(204);
    reply = verifying(oldSecret);
    expect((await deliver(endpoint, event(), local)).status).toBe(204);
    reply = verifying(generateSecret());
    const stranger = await deliver(endpoint, event(), local);
    expect(stranger).toMatchObject({
      status: 400,
      outcome: "retry",
      responseSnippet: "No matching signature found",
    });
  });

  it("a replayed request with a bad signature, body or timestamp is rejected by the receiver", async () => {
    const secret = generateSecret();
    reply = verifying(secret);
    await deliver({ url: `${base}/hooks`, secrets: [secret] }, event(), local);
    const original = received[0] as Received;
    const headers = Object.fromEntries(
      ["webhook-id", "webhook-timestamp", "webhook-signature"].map((k) => [k, String(original.headers[k])]),
    );
    const post = async (h: Record<string, string>, body: string) => {
      const res = await fetch(`${base}/hooks`, { method: "POST", headers: h, body });
      return [res.status, await res.text()];
    };
    expect(await post(headers, original.body)).toEqual([204, ""]);
    const sig = headers["webhook-signature"] as string;
    const badSig = `v1,${Buffer.from("forged").toString("base64")}${sig.slice(11)}`;
    expect(await post({ ...headers, "webhook-signature": badSig }, original.body)).toEqual([
      400,
      "No matching signature found",
    ]);
    expect(await post(headers, original.body.replace("d-42", "d-43"))).toEqual([
      400,
      "No matching signature found",
    ]);
    const stale = String(Number(headers["webhook-timestamp"]) - 600);
    expect(await post({ ...headers, "webhook-timestamp": stale }, original.body)).toEqual([
      400,
      "Message timestamp too old",
    ]);
  });
});

describe("retries", () => {
  it("follows the schedule on a failing receiver under a controlled clock, then gives up", async () => {
    const secret = generateSecret();
    reply = () => ({ status: 503, body: "maintenance" });
    const e = event();
    const t0 = new Date("2026-11-26T10:00:00Z");
    const results: DeliveryResult[] = [];
    let now: Date | null = t0;
    // Bounded, so a schedule that never ends fails the length check instead of hanging.
    for (let attempt = 1; now && attempt <= 2 * MAX_ATTEMPTS; attempt++) {
      const r = await deliver({ url: `${base}/hooks`, secrets: [secret] }, e, { ...local, attempt, now });
      results.push(r);
      now = r.nextAttemptAt;
    }
    expect(results).toHaveLength(MAX_ATTEMPTS);
    expect(results.map((r) => r.outcome)).toEqual([...Array(MAX_ATTEMPTS - 1).fill("retry"), "failed"]);
    const gaps = results
      .slice(1)
      .map((r, i) => r.attemptedAt.getTime() - (results[i] as DeliveryResult).attemptedAt.getTime());
    expect(gaps).toEqual(RETRY_SCHEDULE_MS.slice(1));
    expect(results.at(-1)).toMatchObject({
      status: 503,
      nextAttemptAt: null,
      disabled: false,
      error: "receiver answered HTTP 503",
      responseSnippet: "maintenance",
    });
    // The receiver saw every attempt: one message id, each signed with its attempt's time.
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([e.id]));
    expect(received.map((r) => Number(r.headers["webhook-timestamp"]) - t0.getTime() / 1000)).toEqual(
      RETRY_SCHEDULE_MS.map((_, i) => RETRY_SCHEDULE_MS.slice(0, i + 1).reduce((a, b) => a + b, 0) / 1000),
    );
  });

  it("disables the endpoint on 410 Gone without scheduling a retry", async () => {
    reply = () => ({ status: 410, body: "gone" });
    const r = await deliver({ url: `${base}/hooks`, secrets: [generateSecret()] }, event(), {
      ...local,
      attempt: 3,
    });
    expect(r).toMatchObject({ outcome: "disabled", disabled: true, status: 410, nextAttemptAt: null });
  });

  it("retries a receiver that does not answer in time", async () => {
    reply = () => ({ status: 200, delayMs: 1_000 });
    const now = new Date("2026-11-26T10:00:00Z");
    const r = await deliver({ url: `${base}/slow`, secrets: [generateSecret()] }, event(), {
      ...local,
      now,
      timeoutMs: 100,
    });
    expect(r).toMatchObject({ outcome: "retry", status: null, error: "no response within 100 ms" });
    expect(r.nextAttemptAt).toEqual(new Date(now.getTime() + 5_000));
    expect(r.durationMs).toBeLessThan(1_000);
  });

  it("retries when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await deliver(
      { url: `http://127.0.0.1:${port}/`, secrets: [generateSecret()] },
      event(),
      local,
    );
    expect(r).toMatchObject({ outcome: "retry", status: null, error: "request failed: ECONNREFUSED" });
  });

  it("keeps a snippet of a long reply", async () => {
    reply = () => ({ status: 500, body: "x".repeat(200_000) });
    const r = await deliver({ url: `${base}/hooks`, secrets: [generateSecret()] }, event(), local);
    expect(r.responseSnippet).toHaveLength(RESPONSE_SNIPPET_CHARS);
  });
});

describe("the destination guard in deliver", () => {
  it("sends nothing to loopback unless allowPrivate, and does not retry the refusal", async () => {
    const r = await deliver({ url: `${base}/hooks`, secrets: [generateSecret()] }, event(), {
      allowHttp: true,
    });
    expect(r).toMatchObject({ outcome: "failed", status: null, nextAttemptAt: null });
    expect(r.error).toContain("is loopback and may not receive webhooks");
    expect(received).toHaveLength(0);
  });

  it("refuses a hostname resolving to 127.0.0.1, and connects to the vetted address when allowed", async () => {
    const port = new URL(base).port;
    const lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    const url = `http://receiver.test:${port}/hooks`;
    const refused = await deliver({ url, secrets: [generateSecret()] }, event(), { allowHttp: true, lookup });
    expect(refused.error).toBe(
      'url address 127.0.0.1 (resolved from "receiver.test") is loopback and may not receive webhooks; set allowPrivate to deliver inside private networks',
    );
    const ok = await deliver({ url, secrets: [generateSecret()] }, event(), { ...local, lookup });
    expect(ok.outcome).toBe("delivered");
    expect(received.map((r) => r.headers.host)).toEqual([`receiver.test:${port}`]);
  });

  it("throws for an endpoint with no active secret, before any request", async () => {
    await expect(deliver({ url: `${base}/hooks`, secrets: [] }, event(), local)).rejects.toThrow(
      "endpoint has no active secret",
    );
    expect(received).toHaveLength(0);
  });

  it("also works through an injected fetch", async () => {
    const r = await deliver({ url: `${base}/hooks`, secrets: [generateSecret()] }, event(), {
      ...local,
      fetch,
    });
    expect(r).toMatchObject({ outcome: "delivered", status: 204 });
  });
});
