// Bad input across the whole app as runtime/main.ts wires it, generated from the OpenAPI
// document: malformed JSON, wrong-typed and unknown fields for every JSON-body operation, non-uuid
// path ids, invalid cursors on every paginated list, bad credentials on every protected operation,
// oversize bodies; each answer a 4xx in the error envelope naming the field, and no row stored.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessTokenService, generateAccessTokenKey } from "../auth/access-token.ts";
import { TENANT_TABLES } from "../db/schema/index.ts";
import {
  attackTable,
  fill,
  type JsonSchema,
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

const STARTER_LIMIT = 10 * 1024 * 1024;

let h: Harness;
let ops: Operation[];
let a: Resources;
let countsBefore: Record<string, number>;
/** Every case's answer, checked for the envelope at the end too. */
const answers: { what: string; res: Reply }[] = [];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TENANT_TABLES) {
    const [row] = await h.admin.unsafe(`select count(*)::int as n from ${table}`);
    out[table] = Number(row?.n);
  }
  return out;
}

beforeAll(async () => {
  h = await startHarness();
  const doc = (await (await fetch(`${h.url}/api/v2/openapi.json`)).json()) as OpenApiDocument;
  ops = operationsOf(doc);
  a = await seedTenant(h, h.A, doc);
  countsBefore = await counts();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const isPublic = (op: Operation) => PUBLIC_OPERATIONS[op.key] !== undefined;
const api = () => ops.filter((o) => o.path.startsWith("/api/v2/"));

/** A's own ids for the path, overridden per parameter. */
function pathOf(op: Operation, override: Record<string, string> = {}, query = ""): string {
  const { attacks } = attackTable([{ ...op, jsonBody: undefined }]);
  const kinds = attacks[0]?.kind === "path" ? attacks[0].params : {};
  const values = Object.fromEntries(
    op.pathParams.map((p) => [p, override[p] ?? a.ids[kinds[p] as ResourceKind] ?? "missing"]),
  );
  const q = new URLSearchParams(SAMPLE_QUERY[op.key] ?? "");
  for (const [k, v] of new URLSearchParams(query)) q.set(k, v);
  if (op.queryParams.includes("q") && !q.has("q")) q.set("q", "sample");
  return `${fill(op.path, values)}${q.size ? `?${q}` : ""}`;
}

function validBody(op: Operation): Record<string, unknown> {
  return sampleBody(op.jsonBody ?? {}, (f, required) => {
    const kind = RESOURCE_BY_FIELD[f];
    return required && kind ? a.ids[kind] : undefined;
  }) as Record<string, unknown>;
}

async function send(what: string, op: Operation, path: string, init: Parameters<Harness["call"]>[2] = {}) {
  const token = isPublic(op) ? undefined : h.A.users["tenant-admin"].token;
  const res = await h.call(op.method, path, { ...(token ? { token } : {}), ...init });
  answers.push({ what, res });
  return res;
}

function envelopeProblem(res: Reply): string | undefined {
  const e = res.body.error;
  const m = res.body.meta;
  if (!e || typeof e.code !== "string" || typeof e.message !== "string" || !Array.isArray(e.details))
    return `no error envelope: ${res.text.slice(0, 200)}`;
  if (!m?.timestamp || !m.version || !m.request_id) return `no meta: ${res.text.slice(0, 200)}`;
  return undefined;
}

function expectRefused(
  problems: string[],
  what: string,
  res: Reply,
  status: number,
  field?: (f: string) => boolean,
) {
  const bad = envelopeProblem(res);
  if (res.status !== status)
    problems.push(`${what}: ${res.status}, wanted ${status}: ${res.text.slice(0, 200)}`);
  else if (bad) problems.push(`${what}: ${bad}`);
  else if (field && !res.body.error?.details.some((d) => field(d.field)))
    problems.push(`${what}: details name no such field: ${JSON.stringify(res.body.error?.details)}`);
}

/** A value of another JSON type than the schema's, or undefined when any type is allowed. */
function wrongTyped(schema: JsonSchema): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("string")) return 12345;
  if (types.includes("integer") || types.includes("number")) return "twelve";
  if (types.includes("boolean")) return "yes";
  if (types.includes("array")) return "not an array";
  if (types.includes("object")) return "not an object";
  return undefined;
}

describe("bad input, generated from the OpenAPI document", () => {
  const jsonOps = () => api().filter((o) => o.jsonBody !== undefined);

  it("malformed JSON: 400 naming the body, for every JSON-body operation", async () => {
    expect(jsonOps().length).toBeGreaterThanOrEqual(12);
    const problems: string[] = [];
    for (const op of jsonOps()) {
      const res = await send(`${op.key} malformed`, op, pathOf(op), { body: '{"name": "a",' });
      expectRefused(problems, `${op.key} malformed JSON`, res, 400);
    }
    expect(problems).toEqual([]);
  });

  it("a wrong-typed field: 400 naming it, for every field of every JSON-body operation", async () => {
    const problems: string[] = [];
    let cases = 0;
    for (const op of jsonOps()) {
      for (const [name, prop] of Object.entries(op.jsonBody?.properties ?? {})) {
        const wrong = wrongTyped(prop);
        if (wrong === undefined) continue;
        cases++;
        const res = await send(`${op.key} ${name}`, op, pathOf(op), {
          json: { ...validBody(op), [name]: wrong },
        });
        expectRefused(problems, `${op.key} ${name}=${JSON.stringify(wrong)}`, res, 400, (f) => f === name);
      }
    }
    expect(problems).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(30);
  });

  it("an unknown field: 400 naming it, for every JSON-body operation", async () => {
    const problems: string[] = [];
    for (const op of jsonOps()) {
      const res = await send(`${op.key} unknown`, op, pathOf(op), {
        json: { ...validBody(op), is_admin: true },
      });
      expectRefused(problems, `${op.key} unknown field`, res, 400, (f) => f === "is_admin");
    }
    expect(problems).toEqual([]);
  });

  it("a path id that is not a uuid: 400 naming the parameter, for every path parameter", async () => {
    const withParams = api().filter((o) => o.pathParams.length > 0);
    expect(withParams.length).toBeGreaterThanOrEqual(20);
    const problems: string[] = [];
    for (const op of withParams) {
      for (const param of op.pathParams) {
        const init = op.jsonBody
          ? { json: validBody(op) }
          : op.method !== "GET" && op.method !== "DELETE"
            ? { body: "x", contentType: "text/plain" }
            : {};
        const res = await send(`${op.key} ${param}`, op, pathOf(op, { [param]: "not-a-uuid" }), init);
        expectRefused(problems, `${op.key} {${param}}=not-a-uuid`, res, 400, (f) => f === param);
      }
    }
    expect(problems).toEqual([]);
  });

  it("a cursor this API did not issue: 422 naming cursor, on every paginated list", async () => {
    const paginated = api().filter((o) => o.queryParams.includes("cursor"));
    expect(paginated.length).toBeGreaterThanOrEqual(6);
    const problems: string[] = [];
    for (const op of paginated) {
      for (const cursor of ["not-a-cursor", "eyJmb28iOiJiYXIifQ", "%%%"]) {
        const res = await send(
          `${op.key} cursor`,
          op,
          pathOf(op, {}, `cursor=${encodeURIComponent(cursor)}`),
        );
        expectRefused(problems, `${op.key} cursor=${cursor}`, res, 422, (f) => f === "cursor");
      }
    }
    expect(problems).toEqual([]);
  });

  it("expired, forged, wrong-audience and MFA-challenge tokens: 401 on every protected operation", async () => {
    const user = h.A.users["tenant-admin"];
    const subject = { sub: user.id, tenant: h.A.id, role: "tenant-admin" as const, scopes: ["*"] };
    const other = await generateAccessTokenKey("other");
    const forger = await createAccessTokenService({
      issuer: "wspec",
      audience: "wspec-api",
      signingKey: { kid: h.signingKey.kid, privateKeyPem: other.privateKeyPem },
    });
    const elsewhere = await createAccessTokenService({
      issuer: "wspec",
      audience: "another-api",
      signingKey: h.signingKey,
    });
    const tokens: [string, string, RegExp][] = [
      [
        "expired",
        (await h.tokens.issue(subject, new Date(Date.now() - 2 * 3600_000))).token,
        /access token expired/,
      ],
      ["forged", (await forger.issue(subject)).token, /signature is invalid/],
      ["wrong audience", (await elsewhere.issue(subject)).token, /audience/],
      ["MFA challenge", (await h.tokens.issueMfaChallenge(subject)).token, /not an access token|typ/],
    ];
    const problems: string[] = [];
    const protectedOps = api().filter((o) => !isPublic(o));
    for (const op of protectedOps) {
      for (const [kind, token, message] of tokens) {
        const res = await h.call(op.method, pathOf(op), {
          token,
          ...(op.jsonBody ? { json: validBody(op) } : {}),
        });
        answers.push({ what: `${op.key} ${kind}`, res });
        expectRefused(problems, `${op.key} with an ${kind} token`, res, 401);
        if (res.status === 401 && !message.test(res.body.error?.message ?? ""))
          problems.push(`${op.key} ${kind}: message ${res.body.error?.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("a body over the starter tier's 10 MB: 413 before it is read, on every operation taking a body", async () => {
    const withBody = api().filter((o) => o.method !== "GET" && o.method !== "DELETE");
    const problems: string[] = [];
    for (const op of withBody) {
      const token = isPublic(op) ? undefined : h.A.users["tenant-admin"].token;
      const res = await declaredOnly(op.method, pathOf(op), STARTER_LIMIT + 1, token);
      answers.push({ what: `${op.key} oversize`, res });
      expectRefused(problems, `${op.key} Content-Length ${STARTER_LIMIT + 1}`, res, 413, (f) => f === "body");
    }
    expect(problems).toEqual([]);
  });

  it("uploads: path traversal in the name, an empty file, a refused content type", async () => {
    const upload = ops.find((o) => o.key === "POST /api/v2/documents");
    if (!upload) throw new Error("the upload operation is missing");
    const problems: string[] = [];
    const cases: [string, string, string, string, number, string][] = [
      ["traversal", "name=..%2F..%2Fetc%2Fpasswd", "text/plain", "x", 400, "name"],
      ["traversal (backslash)", "name=..%5C..%5Cwin.ini", "text/plain", "x", 400, "name"],
      ["empty file", "name=empty.txt", "text/plain", "", 422, "file"],
      ["refused content type", "name=run.exe", "application/x-msdownload", "MZ", 415, "content_type"],
    ];
    for (const [what, query, contentType, body, status, field] of cases) {
      const res = await send(`upload ${what}`, upload, `/api/v2/documents?${query}`, { body, contentType });
      expectRefused(problems, `upload ${what}`, res, status, (f) => f.includes(field));
    }
    expect(problems).toEqual([]);
  });

  it("every answer above is in the error envelope, and no row was stored", async () => {
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.map((x) => [x.what, envelopeProblem(x.res)]).filter(([, p]) => p)).toEqual([]);
    expect(await counts()).toEqual(countsBefore);
  });
});

/** A request declaring a Content-Length but sending none of it: the limit must not wait for it. */
function declaredOnly(method: string, path: string, length: number, token?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.url}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        "content-length": String(length),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        req.destroy();
        let body: Reply["body"] = {};
        try {
          body = JSON.parse(text) as Reply["body"];
        } catch {
          // left empty: the envelope check names it
        }
        resolve({ status: res.statusCode ?? 0, text, body });
      });
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}
