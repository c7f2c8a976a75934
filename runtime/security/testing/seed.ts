// Test support: one resource of every kind in a tenant, created through the API by its
// tenant-admin (so each lands where the app itself puts it, audit trail included); tables no route
// writes yet get a row from the superuser, so every tenant table holds the tenant's rows.
import type { TENANT_TABLES } from "../../db/schema/index.ts";
import { type OpenApiDocument, operationsOf, type ResourceKind, sampleBody } from "../operations.ts";
import type { Harness, Reply, TenantFixture } from "./harness.ts";

export interface Resources {
  ids: Partial<Record<ResourceKind, string>>;
  /** Strings only this tenant's rows contain: a list showing one leaked a row. */
  markers: string[];
  /** A documents:read-only API key's secret. */
  readOnlyKey: string;
}

function created(what: string, res: Reply): { id: string } & Record<string, unknown> {
  const data = res.body.data as { id?: string } | undefined;
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`seeding ${what}: HTTP ${res.status} ${res.text}`);
  if (typeof data?.id !== "string") throw new Error(`seeding ${what}: no id in ${res.text}`);
  return data as { id: string };
}

export async function seedTenant(h: Harness, t: TenantFixture, doc: OpenApiDocument): Promise<Resources> {
  const token = t.users["tenant-admin"].token;
  const marker = `secret-${t.slug}`;
  // One search token: full-text search splits the hyphenated marker.
  const word = `secret${t.slug.replaceAll("-", "")}`;
  const category = created(
    "a category",
    await h.call("POST", "/api/v2/categories", { token, json: { name: `${marker}-category` } }),
  );
  const document = created(
    "a document",
    await h.call(
      "POST",
      `/api/v2/documents?name=${marker}-doc.txt&tags=${marker}-tag&description=${word}&category_id=${category.id}`,
      { token, body: `${word} first version`, contentType: "text/plain" },
    ),
  );
  await h.call("POST", `/api/v2/documents/${document.id}/versions`, {
    token,
    body: `${marker} second version`,
    contentType: "text/plain",
  });
  const password = "a long seeded passphrase 9";
  const user = created(
    "a user",
    await h.call("POST", "/api/v2/users", {
      token,
      json: { email: `${marker}-user@example.com`, password, role: "end-user" },
    }),
  );
  const share = created(
    "a share",
    // Shared with the end-user of the role fixtures, so that role reaches the document routes.
    await h.call("POST", `/api/v2/documents/${document.id}/shares`, {
      token,
      json: { user_id: t.users["end-user"].id, permission: "write" },
    }),
  );
  const key = created(
    "an API key",
    await h.call("POST", "/api/v2/api-keys", {
      token,
      json: { name: `${marker}-key`, scopes: ["documents:read"] },
    }),
  );
  // Its own key for the scope tests: the tables revoke the one above.
  const readOnly = created(
    "a read-only API key",
    await h.call("POST", "/api/v2/api-keys", {
      token,
      json: { name: `${marker}-read-only`, scopes: ["documents:read"] },
    }),
  );
  // A refresh token row: the seeded user signs in.
  const login = await h.call("POST", "/api/v2/auth/login", {
    json: { tenant: t.slug, email: `${marker}-user@example.com`, password },
  });
  if (login.status !== 200) throw new Error(`seeding a session: HTTP ${login.status} ${login.text}`);

  const ids: Resources["ids"] = {
    document: document.id,
    version: "1",
    share: share.id,
    category: category.id,
    user: user.id,
    apiKey: key.id,
  };
  const ops = operationsOf(doc);
  const createWebhook = ops.find((o) => o.key === "POST /api/v2/webhooks");
  if (createWebhook?.jsonBody) {
    const res = await h.call("POST", "/api/v2/webhooks", {
      token,
      json: sampleBody(createWebhook.jsonBody, () => undefined),
    });
    ids.webhook = created("a webhook endpoint", res).id;
  }
  // A trained classifier of the tenant's own labels, when the AI routes are wired.
  const labels = [`${t.slug}-alpha`, `${t.slug}-beta`];
  if (ops.some((o) => o.key === "POST /api/v2/ai/classifier/train")) {
    for (const [n, label] of labels.entries()) {
      for (let i = 0; i < 6; i++) {
        const text = `${n === 0 ? "invoice total amount due payment" : "contract agreement party clause term"} ${marker} sample ${i}`;
        const res = await h.call("POST", "/api/v2/ai/classifier/examples", { token, json: { label, text } });
        if (res.status !== 201)
          throw new Error(`seeding a classifier example: HTTP ${res.status} ${res.text}`);
      }
    }
    const trained = await h.call("POST", "/api/v2/ai/classifier/train", { token });
    // 202: training runs in the background (the worker); the model row may come later.
    if (![200, 201, 202].includes(trained.status))
      throw new Error(`seeding a classifier: HTTP ${trained.status} ${trained.text}`);
  }
  await fillUnwrittenTables(h, t, ids);
  // The tenant-admin's own notification (the share above notified the end-user), so that the
  // admin's GET /notifications shows a seeded row and POST /notifications/{id}/read has a target.
  const [notification] = await h.admin<{ id: string }[]>`
    insert into notifications (tenant_id, user_id, type, dedup_key, title, body, email_status)
    values (${t.id}, ${t.users["tenant-admin"].id}, 'document.shared', ${`seed-${t.slug}`},
            ${`notice for ${t.slug}`}, ${`body for ${t.slug}`}, 'off')
    returning id`;
  if (notification) ids.notification = notification.id;
  if (ids.webhook) {
    const [delivery] = await h.admin<{ id: string }[]>`
      select id from webhook_deliveries where tenant_id = ${t.id} limit 1`;
    if (delivery) ids.delivery = delivery.id;
  }
  return {
    ids,
    markers: [
      word,
      marker,
      t.id,
      document.id,
      category.id,
      user.id,
      share.id,
      key.id,
      readOnly.id,
      ...labels,
      ...(ids.webhook ? [ids.webhook] : []),
      ...(ids.delivery ? [ids.delivery] : []),
      ...(ids.notification ? [ids.notification] : []),
    ],
    readOnlyKey: String(readOnly.key ?? ""),
  };
}

type TenantTable = (typeof TENANT_TABLES)[number];

/** Rows for the tenant tables no route of this app has written for the tenant yet. */
async function fillUnwrittenTables(h: Harness, t: TenantFixture, ids: Resources["ids"]): Promise<void> {
  const sql = h.admin;
  const empty = async (table: TenantTable) =>
    (await sql.unsafe(`select 1 from ${table} where tenant_id = $1 limit 1`, [t.id])).length === 0;
  const doc = ids.document ?? "";
  const fills: Partial<Record<TenantTable, () => Promise<unknown>>> = {
    document_processing: () =>
      sql`insert into document_processing (tenant_id, document_id, version, step)
          values (${t.id}, ${doc}, 1, 'extract')`,
    document_analyses: () =>
      sql`insert into document_analyses (tenant_id, document_id, version, summary)
          values (${t.id}, ${doc}, 1, ${`summary of ${t.slug}`})`,
    compliance_checks: () =>
      sql`insert into compliance_checks (tenant_id, document_id, document_version, framework)
          values (${t.id}, ${doc}, 1, 'GDPR')`,
    webhook_endpoints: () =>
      sql`insert into webhook_endpoints (tenant_id, url, event_types, secrets)
          values (${t.id}, 'https://hooks.example.com/seed', ${["document.created"]}, '[]'::jsonb)`,
    webhook_deliveries: async () => {
      const [endpoint] = await sql<{ id: string }[]>`
        select id from webhook_endpoints where tenant_id = ${t.id} limit 1`;
      return sql`insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
          values (${t.id}, ${endpoint?.id ?? ""}, ${crypto.randomUUID()}, 'document.created', '{}'::jsonb)`;
    },
    classifier_examples: () =>
      sql`insert into classifier_examples (tenant_id, label, text) values (${t.id}, 'invoice', 'total due')`,
    classifier_trainings: () =>
      sql`insert into classifier_trainings (tenant_id, job_id, status, requested_at)
          values (${t.id}, ${`seed-${t.slug}`}, 'failed', now())`,
    retention_runs: () =>
      sql`insert into retention_runs (tenant_id, run_id, leased_until, started_at, finished_at)
          values (${t.id}, ${`seed-${t.slug}`}, now(), now(), now())`,
    notification_preferences: () =>
      sql`insert into notification_preferences (tenant_id, user_id, event_type, mode)
          values (${t.id}, ${ids.user ?? ""}, '*', 'digest')`,
    classifier_models: () =>
      sql`insert into classifier_models (tenant_id, model, report, trained_at)
          values (${t.id}, '{}'::jsonb, '{}'::jsonb, now())`,
    // Today's row, the one the API's usage flushes add to: later flushes change no row count.
    usage_counters: () =>
      sql`insert into usage_counters (tenant_id, day, metric, count)
          values (${t.id}, (now() at time zone 'UTC')::date, 'api_requests', 0)
          on conflict do nothing`,
  };
  for (const [table, fillTable] of Object.entries(fills) as [TenantTable, () => Promise<unknown>][]) {
    if (await empty(table)) await fillTable();
  }
}
