// The /api/v2/webhooks routes on a fresh PostgreSQL: CRUD with the secret shown once and sealed at
// rest, bad input naming the field and storing nothing, the SSRF guard at the door, pagination,
// permissions, tenant isolation (another tenant's endpoint is 404 for every route) and the audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_FILTER_VALUES } from "./events.ts";
import { isSecret } from "./secrets.ts";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let acme: string;
let globex: string;

const endpointCount = async (slug: string) => {
  const [row] = await h.fx.admin<{ n: number }[]>`
    select count(*)::int as n from webhook_endpoints where tenant_id = ${h.fx.tenantId(slug)}`;
  return row?.n ?? -1;
};
const create = (body: Record<string, unknown>, token = acme, strict = false) =>
  h.call("POST", "/api/v2/webhooks", { body, token, strict });

beforeAll(async () => {
  h = await startHarness([0, 50, 50, 50, 50, 50, 50]);
  acme = await h.token("acme", "tenant-admin");
  globex = await h.token("globex", "tenant-admin");
});
afterAll(async () => {
  await h?.close();
});

describe("webhook endpoints", () => {
  it("are in the OpenAPI document", async () => {
    const res = await h.call("GET", "/api/v2/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body as unknown as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    const paths = doc.paths;
    const mine = Object.entries(paths)
      .filter(([p]) => p.startsWith("/api/v2/webhooks"))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(mine).toEqual([
      "DELETE /api/v2/webhooks/{id}",
      "GET /api/v2/webhooks",
      "GET /api/v2/webhooks/{id}",
      "GET /api/v2/webhooks/{id}/deliveries",
      "PATCH /api/v2/webhooks/{id}",
      "POST /api/v2/webhooks",
      "POST /api/v2/webhooks/{id}/deliveries/{delivery_id}/redeliver",
      "POST /api/v2/webhooks/{id}/rotate-secret",
      "POST /api/v2/webhooks/{id}/test",
    ]);
    // Clients learn the event names from the document.
    expect(JSON.stringify(doc.components.schemas.CreateWebhookRequest)).toContain(
      "compliance.check_completed",
    );
  });

  it("are created with a secret shown once, sealed at rest, then read, changed and deleted", async () => {
    const created = await create({
      url: "https://hooks.example.com/wspec",
      events: ["document.*", "compliance.check_completed"],
      description: "ops",
    });
    expect(created.status).toBe(201);
    const { id, secret } = created.body.data;
    expect(isSecret(secret)).toBe(true);
    expect(created.body.data).toMatchObject({
      url: "https://hooks.example.com/wspec",
      events: ["document.*", "compliance.check_completed"],
      description: "ops",
      enabled: true,
    });

    const stored = await h.fx.admin<
      { secrets: unknown }[]
    >`select secrets from webhook_endpoints where id = ${id}`;
    expect(JSON.stringify(stored)).not.toContain(secret.slice("whsec_".length));

    const got = await h.call("GET", `/api/v2/webhooks/${id}`, { token: acme });
    expect(got.status).toBe(200);
    expect(got.body.data).not.toHaveProperty("secret");
    expect(JSON.stringify(got.body)).not.toContain(secret);
    const list = await h.call("GET", "/api/v2/webhooks", { token: acme });
    expect(list.body.data.items.map((e) => e.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const patched = await h.call("PATCH", `/api/v2/webhooks/${id}`, {
      token: acme,
      body: { events: ["*"], enabled: false, description: "paused" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      events: ["*"],
      enabled: false,
      description: "paused",
      disabled_reason: "disabled by an admin",
    });
    const enabled = await h.call("PATCH", `/api/v2/webhooks/${id}`, { token: acme, body: { enabled: true } });
    expect(enabled.body.data).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null });

    const deleted = await h.call("DELETE", `/api/v2/webhooks/${id}`, { token: acme });
    expect(deleted.status).toBe(200);
    expect((await h.call("GET", `/api/v2/webhooks/${id}`, { token: acme })).status).toBe(404);

    const audit = await h.fx.admin<{ action: string }[]>`
      select action from audit_logs where resource_id = ${id} order by seq`;
    expect(audit.map((a) => a.action)).toEqual([
      "webhook.create",
      "webhook.update",
      "webhook.update",
      "webhook.delete",
    ]);
  });

  it("refuse bad input with 400 naming the field, and store nothing", async () => {
    const before = await endpointCount("acme");
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: "https://h.example.com/x", events: ["*"], secret: "mine" }, "secret", /unknown field/],
      [{ url: "https://h.example.com/x", events: ["document.eaten"] }, "events.0", /document\.eaten/],
      [{ url: "https://h.example.com/x", events: [] }, "events", /at least one/],
      [{ events: ["*"] }, "url", /.+/],
      [{ url: "not a url", events: ["*"] }, "url", /not a valid absolute URL/],
    ];
    for (const [body, field, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
      const detail = res.body.error.details.find((d) => d.field === field);
      expect(detail?.message, `${field} in ${JSON.stringify(res.body.error)}`).toMatch(message);
    }
    // The list of allowed event names comes with the refusal.
    const bad = await create({ url: "https://h.example.com/x", events: ["nope"] });
    expect(bad.body.error.details[0]?.message).toContain(EVENT_FILTER_VALUES.join(", "));
    expect(await endpointCount("acme")).toBe(before);
  });

  it("refuse destinations the SSRF guard refuses (default policy) with 422, naming url and the reason", async () => {
    const before = await endpointCount("acme");
    const cases: [string, RegExp][] = [
      ["http://hooks.example.com/x", /scheme "http" is not allowed/],
      ["https://127.0.0.1/x", /loopback/],
      ["https://169.254.169.254/latest/meta-data", /metadata|link-local/],
      ["https://10.1.2.3/x", /private/],
      ["https://user:pw@hooks.example.com/x", /credentials|user/],
    ];
    for (const [url, reason] of cases) {
      const res = await create({ url, events: ["*"] }, acme, true);
      expect(res.status, url).toBe(422);
      expect(res.body.error.details).toEqual([{ field: "url", message: expect.stringMatching(reason) }]);
    }
    expect(await endpointCount("acme")).toBe(before);

    const ok = await create({ url: "https://hooks.example.com/x", events: ["*"] });
    const { id } = ok.body.data;
    const patch = await h.call("PATCH", `/api/v2/webhooks/${id}`, {
      token: acme,
      strict: true,
      body: { url: "https://192.168.1.10/x" },
    });
    expect(patch.status).toBe(422);
    expect(patch.body.error.details[0]?.field).toBe("url");
    expect((await h.call("GET", `/api/v2/webhooks/${id}`, { token: acme })).body.data.url).toBe(
      "https://hooks.example.com/x",
    );
    const empty = await h.call("PATCH", `/api/v2/webhooks/${id}`, { token: acme, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0]?.field).toBe("body");
    const unknown = await h.call("PATCH", `/api/v2/webhooks/${id}`, { token: acme, body: { secret: "x" } });
    expect(unknown.body.error.details).toEqual([{ field: "secret", message: "unknown field" }]);
  });

  it("list in pages with a cursor", async () => {
    const { token } = { token: await h.token("globex", "global-admin") };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await create({ url: `https://h.example.com/${i}`, events: ["*"] }, token)).body.data.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await h.call("GET", `/api/v2/webhooks${q}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.items.map((e) => e.id as string));
      cursor = page.body.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const bad = await h.call("GET", "/api/v2/webhooks?cursor=bm9wZQ", { token });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0]?.field).toBe("cursor");
  });

  it("need webhooks:manage", async () => {
    for (const role of ["end-user", "document-manager", "compliance-officer"] as const) {
      const token = await h.token("acme", role);
      expect((await h.call("GET", "/api/v2/webhooks", { token })).status).toBe(403);
      expect((await create({ url: "https://h.example.com/x", events: ["*"] }, token)).status).toBe(403);
    }
    expect((await h.call("GET", "/api/v2/webhooks")).status).toBe(401);
  });

  it("of another tenant are not found by any route, and stay unchanged", async () => {
    const mine = await create({ url: `${h.receiverUrl}/acme-only`, events: ["*"] });
    const id = mine.body.data.id;
    h.replies.set("/acme-only", () => ({ status: 200 }));
    const ping = await h.call("POST", `/api/v2/webhooks/${id}/test`, { token: acme });
    expect(ping.status).toBe(200);
    const deliveryId = ping.body.data.id;
    const before = await h.fx.admin`select * from webhook_endpoints where id = ${id}`;

    const attempts: [string, string, unknown?][] = [
      ["GET", `/api/v2/webhooks/${id}`],
      ["PATCH", `/api/v2/webhooks/${id}`, { description: "mine now" }],
      ["DELETE", `/api/v2/webhooks/${id}`],
      ["POST", `/api/v2/webhooks/${id}/rotate-secret`],
      ["GET", `/api/v2/webhooks/${id}/deliveries`],
      ["POST", `/api/v2/webhooks/${id}/deliveries/${deliveryId}/redeliver`],
      ["POST", `/api/v2/webhooks/${id}/test`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await h.call(method, path, { token: globex, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    const list = await h.call("GET", "/api/v2/webhooks", { token: globex });
    expect(list.body.data.items.map((e) => e.id)).not.toContain(id);
    expect(await h.fx.admin`select * from webhook_endpoints where id = ${id}`).toEqual(before);
    // Still only the one ping: globex's test and redeliver reached nothing.
    expect(h.received.filter((r) => r.path === "/acme-only")).toHaveLength(1);
  });
});
