// Fan-out and delivery on the real PostgreSQL and Redis: a receiver on 127.0.0.1 (allowPrivate)
// verifies every message with standardwebhooks' Webhook.verify; a repeated fan-out delivers once;
// a failing receiver sees the whole (shortened) schedule, recorded attempt by attempt; 410
// disables; redelivery resends the same message; rotation signs with both secrets in the overlap;
// the SSRF guard is applied again at delivery time.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HandlerDeps } from "../pipeline/handlers/deps.ts";
import { attemptDelivery } from "./attempt.ts";
import { RESPONSE_SNIPPET_CHARS } from "./deliver.ts";
import { fanOut, webhookNotifier } from "./dispatch.ts";
import { MAX_ATTEMPTS, RETRY_SCHEDULE_MS } from "./schedule.ts";
import { type ApiBody, type Harness, type Received, startHarness, until } from "./testing/harness.ts";

/** The real schedule's shape (immediately, then growing), in milliseconds instead of hours. */
const SCHEDULE = [0, 100, 200, 300, 400, 500, 600];
let h: Harness;
let acme: string;
let acmeId: string;

beforeAll(async () => {
  h = await startHarness(SCHEDULE);
  acme = await h.token("acme", "tenant-admin");
  acmeId = h.fx.tenantId("acme");
});
// Each test fans out to its own endpoints only (their filters would overlap otherwise).
beforeEach(async () => {
  await h.fx.admin`delete from webhook_endpoints`;
});
afterAll(async () => {
  await h?.close();
});

async function endpoint(
  path: string,
  events: string[],
  reply: (r: Received) => { status: number; body?: string },
) {
  h.replies.set(path, reply);
  const res = await h.call("POST", "/api/v2/webhooks", {
    token: acme,
    body: { url: `${h.receiverUrl}${path}`, events },
  });
  expect(res.status).toBe(201);
  return { id: res.body.data.id, secret: res.body.data.secret };
}
const at = (path: string) => h.received.filter((r) => r.path === path);
const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as Record<string, unknown>;
async function deliveries(id: string): Promise<ApiBody["data"]["items"]> {
  const res = await h.call("GET", `/api/v2/webhooks/${id}/deliveries`, { token: acme });
  expect(res.status).toBe(200);
  return res.body.data.items;
}

describe("webhook delivery", () => {
  it("fans an event out to matching endpoints once, signed so Webhook.verify accepts it", async () => {
    const docs = await endpoint("/docs", ["document.*"], () => ({ status: 204 }));
    const other = await endpoint("/compliance", ["compliance.*"], () => ({ status: 200 }));
    const event = {
      id: "evt_doc1_v1_document.created",
      type: "document.created" as const,
      tenantId: acmeId,
      data: { document_id: "doc1", name: "a.pdf" },
    };
    expect(await fanOut(h.dispatch, event)).toBe(1);
    expect(await fanOut(h.dispatch, event)).toBe(0);
    await until(() => at("/docs").length === 1, "the delivery");
    await until(async () => (await deliveries(docs.id))[0]?.status === "delivered", "the log");
    await new Promise((r) => setTimeout(r, 500));
    expect(at("/docs")).toHaveLength(1);
    expect(at("/compliance")).toHaveLength(0);

    const got = at("/docs")[0] as Received;
    expect(got.headers["webhook-id"]).toBe(event.id);
    expect(verify(docs.secret, got)).toMatchObject({ type: "document.created", data: event.data });
    expect(() => verify(other.secret, got)).toThrow();

    const log = await deliveries(docs.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      event_id: event.id,
      event_type: "document.created",
      status: "delivered",
      attempts: 1,
      last_status_code: 204,
      manual: false,
      next_attempt_at: null,
    });
    expect(log[0]?.attempt_log).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "delivered", status_code: 204 }),
    ]);
    expect(await deliveries(other.id)).toEqual([]);
    const [row] = await h.fx.admin<{ n: number }[]>`
      select count(*)::int as n from webhook_deliveries where event_id = ${event.id}`;
    expect(row?.n).toBe(1);
  });

  it("gives the pipeline a notify() that fans out with a fresh message id when none is given", async () => {
    const hook = await endpoint("/ai", ["ai.processing_completed"], () => ({ status: 200 }));
    // Exactly the shape the pipeline's notify step is given.
    const notify: HandlerDeps["notify"] = webhookNotifier(h.dispatch);
    const data = { document_id: "doc2", version: 1 };
    expect(await notify({ type: "ai.processing_completed", tenantId: acmeId, data })).toBe(1);
    expect(await notify({ type: "ai.processing_completed", tenantId: acmeId, data })).toBe(1);
    await until(() => at("/ai").length === 2, "both deliveries");
    const ids = at("/ai").map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(2);
    for (const r of at("/ai")) expect(verify(hook.secret, r)).toMatchObject({ data });
    // Another tenant's event reaches none of acme's endpoints.
    expect(await notify({ type: "ai.processing_completed", tenantId: h.fx.tenantId("globex"), data })).toBe(
      0,
    );
  });

  it("retries a failing receiver on the schedule, records every attempt, then gives up", async () => {
    const hook = await endpoint("/busy", ["compliance.check_completed"], () => ({
      status: 503,
      body: "x".repeat(3000),
    }));
    expect(
      await fanOut(h.dispatch, { type: "compliance.check_completed", tenantId: acmeId, data: { n: 1 } }),
    ).toBe(1);
    await until(async () => (await deliveries(hook.id))[0]?.status === "failed", "give-up", 30_000);
    const hits = at("/busy");
    expect(hits).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(hits.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of hits) verify(hook.secret, r);
    // Each retry came no earlier than the schedule's delay after the previous attempt.
    for (let i = 1; i < hits.length; i++) {
      expect((hits[i] as Received).at - (hits[i - 1] as Received).at).toBeGreaterThanOrEqual(
        (SCHEDULE[i] as number) - 20,
      );
    }
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, last_status_code: 503 });
    expect(String(d?.response_snippet).length).toBe(RESPONSE_SNIPPET_CHARS);
    const log = d?.attempt_log as {
      attempt: number;
      outcome: string;
      attempted_at: string;
      next_attempt_at: string | null;
    }[];
    expect(log.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(log.map((a) => a.outcome)).toEqual([...Array(6).fill("retry"), "failed"]);
    log.forEach((a, i) => {
      const scheduled = SCHEDULE[i + 1];
      if (scheduled === undefined) expect(a.next_attempt_at).toBeNull();
      else expect(Date.parse(a.next_attempt_at as string) - Date.parse(a.attempted_at)).toBe(scheduled);
    });

    // Redelivery once the receiver recovers: the same message, a fresh run, delivered.
    h.replies.set("/busy", () => ({ status: 200, body: "ok" }));
    const re = await h.call("POST", `/api/v2/webhooks/${hook.id}/deliveries/${d?.id}/redeliver`, {
      token: acme,
    });
    expect(re.status).toBe(202);
    await until(async () => (await deliveries(hook.id))[0]?.status === "delivered", "the redelivery");
    const last = at("/busy").at(-1) as Received;
    expect(last.headers["webhook-id"]).toBe(hits[0]?.headers["webhook-id"]);
    expect(JSON.parse(last.body)).toEqual(JSON.parse((hits[0] as Received).body));
    const [after] = await deliveries(hook.id);
    expect(after).toMatchObject({ attempts: MAX_ATTEMPTS + 1, manual: true, last_status_code: 200 });
    expect(((after?.attempt_log ?? []) as { manual: boolean }[]).at(-1)).toMatchObject({
      manual: true,
      attempt: 1,
    });
  });

  it("redelivers a delivered message, and 404s an unknown delivery", async () => {
    const hook = await endpoint("/again", ["document.updated"], () => ({ status: 200 }));
    await fanOut(h.dispatch, { id: "evt_again", type: "document.updated", tenantId: acmeId, data: {} });
    await until(async () => (await deliveries(hook.id))[0]?.status === "delivered", "first delivery");
    const [d] = await deliveries(hook.id);
    const re = await h.call("POST", `/api/v2/webhooks/${hook.id}/deliveries/${d?.id}/redeliver`, {
      token: acme,
    });
    expect(re.status).toBe(202);
    await until(() => at("/again").length === 2, "the redelivery");
    expect(at("/again").map((r) => r.headers["webhook-id"])).toEqual(["evt_again", "evt_again"]);
    await until(async () => (await deliveries(hook.id))[0]?.attempts === 2, "the second attempt logged");
    const missing = await h.call(
      "POST",
      `/api/v2/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`,
      { token: acme },
    );
    expect(missing.status).toBe(404);
  });

  it("disables an endpoint that answers 410 Gone and sends it nothing more", async () => {
    const hook = await endpoint("/gone", ["document.deleted"], () => ({ status: 410, body: "bye" }));
    expect(await fanOut(h.dispatch, { type: "document.deleted", tenantId: acmeId, data: {} })).toBe(1);
    await until(async () => (await deliveries(hook.id))[0]?.status === "disabled", "the disablement");
    const got = await h.call("GET", `/api/v2/webhooks/${hook.id}`, { token: acme });
    expect(got.body.data).toMatchObject({ enabled: false, disabled_reason: "receiver answered 410 Gone" });
    expect(await fanOut(h.dispatch, { type: "document.deleted", tenantId: acmeId, data: {} })).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(at("/gone")).toHaveLength(1);
    const [d] = await deliveries(hook.id);
    const re = await h.call("POST", `/api/v2/webhooks/${hook.id}/deliveries/${d?.id}/redeliver`, {
      token: acme,
    });
    expect(re.status).toBe(409);
    const ping = await h.call("POST", `/api/v2/webhooks/${hook.id}/test`, { token: acme });
    expect(ping.status).toBe(409);
    const enabled = await h.call("PATCH", `/api/v2/webhooks/${hook.id}`, {
      token: acme,
      body: { enabled: true },
    });
    expect(enabled.body.data).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it("signs with the new and the old secret during a rotation's overlap", async () => {
    const hook = await endpoint("/rot", ["document.shared"], () => ({ status: 200 }));
    const rotated = await h.call("POST", `/api/v2/webhooks/${hook.id}/rotate-secret`, { token: acme });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.data.secret;
    expect(fresh).not.toBe(hook.secret);
    const overlap =
      Date.parse(rotated.body.data.previous_secret_expires_at as unknown as string) - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3600_000);
    const got = await h.call("GET", `/api/v2/webhooks/${hook.id}`, { token: acme });
    expect(JSON.stringify(got.body)).not.toContain(fresh);

    await fanOut(h.dispatch, { type: "document.shared", tenantId: acmeId, data: { with: "bob" } });
    await until(() => at("/rot").length === 1, "the delivery");
    const r = at("/rot")[0] as Received;
    // A receiver that only knows the new secret verifies; so does one that only knows the old.
    expect(verify(fresh, r)).toMatchObject({ data: { with: "bob" } });
    expect(verify(hook.secret, r)).toMatchObject({ data: { with: "bob" } });
    const stranger = (
      await h.call("POST", "/api/v2/webhooks", {
        token: acme,
        body: { url: `${h.receiverUrl}/nobody`, events: ["document.created"] },
      })
    ).body.data.secret;
    expect(() => verify(stranger, r)).toThrow();

    // A second rotation ends the oldest at once: only the two newest secrets sign.
    const again = await h.call("POST", `/api/v2/webhooks/${hook.id}/rotate-secret`, { token: acme });
    const newest = again.body.data.secret;
    const ping = await h.call("POST", `/api/v2/webhooks/${hook.id}/test`, { token: acme });
    expect(ping.status).toBe(200);
    expect(ping.body.data).toMatchObject({ status: "delivered", event_type: "webhook.ping", attempts: 1 });
    const p = at("/rot").at(-1) as Received;
    expect(verify(newest, p)).toMatchObject({ type: "webhook.ping" });
    expect(verify(fresh, p)).toMatchObject({ type: "webhook.ping" });
    expect(() => verify(hook.secret, p)).toThrow();
  });

  it("applies the SSRF guard again at delivery time", async () => {
    const hook = await endpoint("/guarded", ["document.created"], () => ({ status: 200 }));
    const [row] = await h.fx.admin<{ id: string }[]>`
      insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
      values (${acmeId}, ${hook.id}, 'evt_guarded', 'document.created',
              ${h.fx.admin.json({ type: "document.created", timestamp: new Date().toISOString(), data: {} })})
      returning id`;
    const outcome = await attemptDelivery(
      { databases: h.fx.dbs, secretBox: h.secretBox, policy: { allowHttp: true } },
      { tenantId: acmeId, deliveryId: row?.id as string, attempt: 1, manual: false },
      { retry: true },
    );
    expect(outcome?.status).toBe("failed");
    expect(outcome?.result.error).toMatch(/loopback/);
    expect(at("/guarded")).toHaveLength(0);
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: "failed", attempts: 1, last_status_code: null });
  });

  it("uses the real schedule unless told otherwise (a controlled clock, no waiting)", async () => {
    const hook = await endpoint("/slow", ["document.created"], () => ({ status: 500 }));
    const [row] = await h.fx.admin<{ id: string }[]>`
      insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
      values (${acmeId}, ${hook.id}, 'evt_slow', 'document.created',
              ${h.fx.admin.json({ type: "document.created", timestamp: new Date().toISOString(), data: {} })})
      returning id`;
    let now = Date.now();
    const delays: (number | null)[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const outcome = await attemptDelivery(
        {
          databases: h.fx.dbs,
          secretBox: h.secretBox,
          policy: { allowPrivate: true, allowHttp: true },
          clock: () => new Date(now),
        },
        { tenantId: acmeId, deliveryId: row?.id as string, attempt, manual: false },
        { retry: true },
      );
      delays.push(outcome?.retryInMs ?? null);
      now += outcome?.retryInMs ?? 0;
    }
    expect(delays).toEqual([...RETRY_SCHEDULE_MS.slice(1), null]);
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, next_attempt_at: null });
    const log = d?.attempt_log as { attempted_at: string }[];
    expect(
      Date.parse((log.at(-1) as { attempted_at: string }).attempted_at) -
        Date.parse(log[0]?.attempted_at as string),
    ).toBe(RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0));
  });
});
