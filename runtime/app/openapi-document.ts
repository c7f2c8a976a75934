// The statuses the shared request chain can answer on any operation, added to the OpenAPI
// document in one place rather than repeated by each route: a route states what its own handler
// answers (403 for its permission included), and this adds what authentication, rate limiting, the body limit, the media-type gate,
// validation and the database pool answer around it. A client generated from the document, or a
// fuzzer checking conformance, then knows every status it can get.
import { DEFAULT_ERROR_DESCRIPTIONS, type ErrorStatus } from "./error-descriptions.ts";

interface Operation {
  security?: unknown[];
  parameters?: { name?: string; in?: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

const ERROR_REF = { $ref: "#/components/schemas/ErrorEnvelope" };

/** The statuses the chain around `op` can answer (see app.ts for the order of the middleware). */
export function chainStatuses(op: Operation, underApi: boolean): ErrorStatus[] {
  if (!underApi) return [];
  const secured = op.security === undefined || op.security.length > 0;
  const statuses: ErrorStatus[] = [];
  // Query and path parameters and JSON bodies are validated (text with NUL included).
  if ((op.parameters?.length ?? 0) > 0 || op.requestBody) statuses.push(400);
  if (secured) statuses.push(401);
  // The tier's body limit, and the media-type gate of every route that takes a body.
  if (op.requestBody) statuses.push(413, 415);
  // The tenant's request rate (runtime/rate-limit) applies once a caller is known.
  if (secured) statuses.push(429);
  // Every list pages with the shared keyset cursors, which refuse one this API did not issue.
  if (op.parameters?.some((p) => p.in === "query" && p.name === "cursor")) statuses.push(422);
  // A busy tenant pool or an unreachable rate limiter (both with Retry-After).
  statuses.push(503);
  return statuses;
}

/** What every string the API takes must match: the validation hook refuses NUL (validation.ts). */
export const NO_NUL_PATTERN = "^[^\\u0000]*$";

/**
 * Declares the validation hook's refusal of NUL on every string schema that no pattern, format,
 * enum or constant already bounds, so that a client or fuzzer reading the document knows it.
 */
export function withTextRules(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) withTextRules(item);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const schema = value as Record<string, unknown>;
  const isString = schema.type === "string" || (Array.isArray(schema.type) && schema.type.includes("string"));
  if (isString && !("pattern" in schema || "format" in schema || "enum" in schema || "const" in schema)) {
    schema.pattern = NO_NUL_PATTERN;
  }
  // A record's keys are text the hook checks too (metadata).
  const isRecord = typeof schema.additionalProperties === "object" && schema.additionalProperties !== null;
  if (isRecord && !("propertyNames" in schema)) schema.propertyNames = { pattern: NO_NUL_PATTERN };
  for (const child of Object.values(schema)) withTextRules(child);
}

type Schema = { $ref?: string; properties?: Record<string, Schema> };

/** Whether a 201's JSON body carries `data.id` (the envelope around the created resource). */
function createsWithId(op: Operation, components: Record<string, Schema>): boolean {
  const resolve = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? resolve(components[s.$ref.replace("#/components/schemas/", "")]) : s;
  const created = op.responses?.["201"] as { content?: Record<string, { schema?: Schema }> } | undefined;
  const body = resolve(created?.content?.["application/json"]?.schema);
  return resolve(body?.properties?.data)?.properties?.id !== undefined;
}

/**
 * OpenAPI links from each POST that creates a resource (201 with `data.id`) to every operation on
 * the paths below it that take that id as their first parameter (POST /webhooks → GET, PATCH,
 * DELETE /webhooks/{id} …), so clients and the fuzzer's stateful phase can follow them.
 */
export function withCreationLinks(doc: { paths?: unknown; components?: unknown }): void {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation & { links?: unknown }>>;
  const components = ((doc.components as { schemas?: Record<string, Schema> } | undefined)?.schemas ??
    {}) as Record<string, Schema>;
  for (const [path, item] of Object.entries(paths)) {
    const post = item.post;
    if (!post || !createsWithId(post, components)) continue;
    const links: Record<string, unknown> = {};
    for (const [sub, subItem] of Object.entries(paths)) {
      const param = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\{([^}]+)\\}(/|$)`).exec(
        sub,
      )?.[1];
      if (!param) continue;
      for (const method of METHODS) {
        if (!subItem[method]) continue;
        const name = `${method}${sub.slice(path.length)}`.replace(/[^A-Za-z0-9._-]/g, "_");
        links[name] = {
          operationRef: `#/paths/${sub.replaceAll("~", "~0").replaceAll("/", "~1")}/${method}`,
          parameters: { [param]: "$response.body#/data/id" },
        };
      }
    }
    if (Object.keys(links).length === 0) continue;
    const created = post.responses?.["201"] as { links?: Record<string, unknown> };
    created.links = { ...links, ...created.links };
  }
}

/**
 * Adds to each operation of `doc` the chain's statuses it does not declare yet (a route's own
 * description wins), the text rules to every schema, and the creation links. Mutates and returns
 * `doc`.
 */
export function withChainResponses<D extends { paths?: unknown }>(doc: D, apiPrefix: string): D {
  withCreationLinks(doc as { paths?: unknown; components?: unknown });
  withTextRules((doc as { components?: unknown }).components);
  withTextRules(doc.paths);
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.responses ??= {};
      const responses = op.responses;
      for (const status of chainStatuses(op, path.startsWith(`${apiPrefix}/`))) {
        responses[String(status)] ??= {
          description: DEFAULT_ERROR_DESCRIPTIONS[status] ?? "error",
          content: { "application/json": { schema: ERROR_REF } },
        };
      }
    }
  }
  return doc;
}
