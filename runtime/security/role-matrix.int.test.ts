// The role matrix over the whole app as runtime/main.ts wires it, generated from the one
// declaration (ROLE_PERMISSIONS) and the permission each operation publishes in OpenAPI
// (x-wspec-permission): every role × every guarded operation is 403 exactly when the role lacks
// the permission, and reaches the route otherwise. Every non-public operation refuses anonymous
// calls, and an API key with narrower scopes is refused naming the scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, ROLE_PERMISSIONS, ROLES } from "../auth/rbac.ts";
import {
  attackTable,
  fill,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  PUBLIC_OPERATIONS,
  RESOURCE_BY_FIELD,
  type ResourceKind,
  SAMPLE_QUERY,
  sampleBody,
} from "./operations.ts";
import { type Harness, type Reply, startHarness } from "./testing/harness.ts";
import { type Resources, seedTenant } from "./testing/seed.ts";

let h: Harness;
let ops: Operation[];
let a: Resources;

beforeAll(async () => {
  h = await startHarness();
  const doc = (await (await fetch(`${h.url}/api/v2/openapi.json`)).json()) as OpenApiDocument;
  ops = operationsOf(doc);
  a = await seedTenant(h, h.A, doc);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** Deletes last: a delete by one role must not turn another role's check into a 404 early. */
function ordered(list: Operation[]): Operation[] {
  return [...list].sort((x, y) => Number(x.method === "DELETE") - Number(y.method === "DELETE"));
}

/** Calls an operation on tenant A's own resources with a body its schema accepts. */
function callOwn(op: Operation, credential: { token?: string; apiKey?: string }): Promise<Reply> {
  const { attacks } = attackTable([{ ...op, jsonBody: undefined }]);
  const kinds = attacks[0]?.kind === "path" ? attacks[0].params : {};
  const values = Object.fromEntries(
    op.pathParams.map((p) => {
      const id = a.ids[kinds[p] as ResourceKind];
      if (id === undefined) throw new Error(`no seeded resource for {${p}} of ${op.key}`);
      return [p, id];
    }),
  );
  // Required resource fields name A's own; optional ones are left out (a category its own parent).
  const body = op.jsonBody
    ? sampleBody(op.jsonBody, (f, required) => {
        const kind = RESOURCE_BY_FIELD[f];
        return required && kind ? a.ids[kind] : undefined;
      })
    : undefined;
  const query = new URLSearchParams(SAMPLE_QUERY[op.key] ?? "");
  if (op.queryParams.includes("q")) query.set("q", "sample");
  return h.call(op.method, `${fill(op.path, values)}${query.size ? `?${query}` : ""}`, {
    ...credential,
    ...(body !== undefined
      ? { json: body }
      : op.method !== "GET" && op.method !== "DELETE"
        ? { body: "role matrix", contentType: "text/plain" }
        : {}),
  });
}

describe("the role matrix", () => {
  it("every /api/v2 operation is public by name, or guarded by a permission or a session", async () => {
    const api = ops.filter((o) => o.path.startsWith("/api/v2/"));
    expect(api.length).toBeGreaterThanOrEqual(35);
    const problems: string[] = [];
    for (const op of api) {
      if (PUBLIC_OPERATIONS[op.key] !== undefined) {
        if (op.permission !== undefined) problems.push(`${op.key} is public but declares ${op.permission}`);
        continue;
      }
      const res = await callOwn(op, {});
      const envelope = res.body.error?.code !== undefined && res.body.meta?.request_id !== undefined;
      if (res.status !== 401 || !envelope)
        problems.push(`${op.key} anonymous: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
    // Every public name is a real operation: a renamed public route cannot keep its exemption.
    expect(Object.keys(PUBLIC_OPERATIONS).filter((k) => !api.some((o) => o.key === k))).toEqual([]);
  });

  it("role × guarded operation: 403 exactly when ROLE_PERMISSIONS lacks the permission", async () => {
    const guarded = ordered(ops.filter((o) => o.permission !== undefined));
    expect(guarded.length).toBeGreaterThanOrEqual(30);
    const problems: string[] = [];
    let cases = 0;
    for (const op of guarded) {
      for (const role of ROLES) {
        cases++;
        const permission = op.permission ?? "documents:read";
        const allowed = ROLE_PERMISSIONS[role].includes(permission);
        const res = await callOwn(op, { token: h.A.users[role].token });
        // 501/503 are a route's own "not configured here"; 500 is a failure wherever it comes from.
        if (allowed && (res.status === 401 || res.status === 403 || res.status === 500)) {
          problems.push(`${role} ${op.key} (${permission}, held): ${res.status} ${res.text.slice(0, 200)}`);
        }
        if (!allowed) {
          const message = `permission "${permission}" required; role "${role}" does not have it`;
          if (res.status !== 403 || res.body.error?.message !== message)
            problems.push(
              `${role} ${op.key} (${permission}, lacking): ${res.status} ${res.text.slice(0, 200)}`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
    expect(cases).toBe(guarded.length * ROLES.length);
  });

  it("an API key scoped to documents:read is refused every other permission, naming it", async () => {
    expect(a.readOnlyKey).toMatch(/^wspec_/);
    const guarded = ordered(ops.filter((o) => o.permission !== undefined));
    const problems: string[] = [];
    for (const op of guarded) {
      const permission = op.permission ?? "documents:read";
      const res = await callOwn(op, { apiKey: a.readOnlyKey });
      if (permission === "documents:read") {
        if (res.status === 401 || res.status === 403 || res.status === 500)
          problems.push(`${op.key} (in scope): ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      const message = can("tenant-admin", permission)
        ? `permission "${permission}" required; the API key's scopes do not include it`
        : `permission "${permission}" required; role "tenant-admin" does not have it`;
      if (res.status !== 403 || res.body.error?.message !== message)
        problems.push(`${op.key} (${permission}): ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });
});
