// The security tables' one source: every operation the app publishes in /api/v2/openapi.json,
// classified for the cross-tenant attack table. A route added to the app appears here by itself;
// one that the rules below cannot classify makes the coverage test fail until it gets a row.

import { isPermission, type Permission } from "../auth/rbac.ts";
import { PERMISSION_EXTENSION } from "../auth/require-permission/index.ts";

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  default?: unknown;
  example?: unknown;
  minimum?: number;
  minItems?: number;
  minLength?: number;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawOperation {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  [PERMISSION_EXTENSION]?: string;
}

export interface Operation {
  /** "GET /api/v2/documents/{id}" */
  key: string;
  method: string;
  path: string;
  permission: Permission | undefined;
  pathParams: string[];
  queryParams: string[];
  /** The JSON request body's schema, references resolved. */
  jsonBody: JsonSchema | undefined;
  /** Whether the operation reads a body of another kind (uploads). */
  rawBody: boolean;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const resolve = (s: JsonSchema | undefined): JsonSchema | undefined => {
    if (!s?.$ref) return s;
    return resolve(doc.components?.schemas?.[s.$ref.replace("#/components/schemas/", "")]);
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        const permission = op[PERMISSION_EXTENSION];
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          permission: isPermission(permission) ? permission : undefined,
          pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
          queryParams: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
          jsonBody: resolve(content["application/json"]?.schema),
          rawBody: Object.keys(content).some((t) => t !== "application/json"),
        };
      }),
  );
}

/** The tenant resources an attacker can name. */
export type ResourceKind =
  | "document"
  | "version"
  | "share"
  | "category"
  | "user"
  | "apiKey"
  | "webhook"
  | "delivery"
  | "notification";

/**
 * Which resource a path parameter names, by the collection segment before it
 * (`/documents/{id}` → document, `/shares/{share_id}` → share). A path whose parameter follows
 * another segment is not attacked until a row is added here.
 */
export const RESOURCE_BY_SEGMENT: Record<string, ResourceKind> = {
  documents: "document",
  versions: "version",
  shares: "share",
  categories: "category",
  users: "user",
  "api-keys": "apiKey",
  webhooks: "webhook",
  deliveries: "delivery",
  notifications: "notification",
};

/** Which resource a JSON body field names (`document_id` → document). */
export const RESOURCE_BY_FIELD: Record<string, ResourceKind> = {
  document_id: "document",
  category_id: "category",
  parent_id: "category",
  user_id: "user",
  endpoint_id: "webhook",
};

/**
 * Operations that name no tenant resource, each with the reason. Everything else is attacked
 * (path parameters or body fields naming another tenant's resource, or a list that must not
 * show another tenant's rows).
 */
export const NO_TENANT_RESOURCE: Record<string, string> = {
  "GET /health": "process health, no tenant data",
  "GET /health/live": "process health, no tenant data",
  "GET /health/ready": "process health, no tenant data",
  "GET /health/deep": "dependency health, no tenant data",
  "POST /api/v2/auth/login": "public: the tenant is named by slug with the caller's own password",
  "POST /api/v2/auth/mfa/verify": "public: the MFA challenge token binds user and tenant",
  "POST /api/v2/auth/mfa/setup": "acts on the caller's own user only",
  "POST /api/v2/auth/mfa/confirm": "acts on the caller's own user only",
  "POST /api/v2/auth/refresh": "public: the refresh token binds user and tenant",
  "POST /api/v2/auth/logout": "public: revokes the presented refresh token only",
  "GET /api/v2/auth/me": "the caller's own profile",
  "POST /api/v2/auth/setup": "public: the one-time setup token binds user and tenant",
  "POST /api/v2/users": "creates in the caller's tenant; names no existing resource",
  "POST /api/v2/api-keys": "creates in the caller's tenant; names no existing resource",
  "POST /api/v2/documents": "uploads into the caller's tenant (category_id is attacked via PATCH)",
  "POST /api/v2/webhooks": "creates an endpoint in the caller's tenant; names no existing resource",
  "POST /api/v2/ai/translate": "translates the text in the body; names no stored resource",
  "POST /api/v2/ai/classifier/train": "trains the caller's tenant's classifier from its own examples",
  "GET /api/v2/compliance/frameworks": "the platform's framework catalogue, no tenant rows",
  "GET /api/v2/compliance/policies": "the platform's policy catalogue, no tenant rows",
  "PUT /api/v2/notifications/preferences": "sets the caller's own preferences; names no existing resource",
  "POST /api/v2/retention/runs": "disposes within the caller's tenant only; names no resource",
};

export type Attack =
  | { kind: "path"; op: Operation; params: Record<string, ResourceKind> }
  | { kind: "body"; op: Operation; fields: Record<string, ResourceKind> }
  | { kind: "list"; op: Operation };

/** How each operation is attacked, or why it is not; `unclassified` lists what needs a row. */
export function attackTable(ops: Operation[]): {
  attacks: Attack[];
  exempt: { op: Operation; reason: string }[];
  unclassified: Operation[];
} {
  const attacks: Attack[] = [];
  const exempt: { op: Operation; reason: string }[] = [];
  const unclassified: Operation[] = [];
  for (const op of ops) {
    const reason = NO_TENANT_RESOURCE[op.key];
    if (reason !== undefined) {
      exempt.push({ op, reason });
      continue;
    }
    const segments = op.path.split("/");
    const params: Record<string, ResourceKind> = {};
    for (const name of op.pathParams) {
      const at = segments.indexOf(`{${name}}`);
      const kind = RESOURCE_BY_SEGMENT[segments[at - 1] ?? ""];
      if (kind) params[name] = kind;
    }
    const fields: Record<string, ResourceKind> = {};
    for (const name of Object.keys(op.jsonBody?.properties ?? {})) {
      const kind = RESOURCE_BY_FIELD[name];
      if (kind) fields[name] = kind;
    }
    if (op.pathParams.length > 0 && Object.keys(params).length === op.pathParams.length) {
      attacks.push({ kind: "path", op, params });
      // The caller's own resource in the path, another tenant's in the body.
      if (Object.keys(fields).length > 0) attacks.push({ kind: "body", op, fields });
    } else if (op.pathParams.length === 0 && Object.keys(fields).length > 0) {
      attacks.push({ kind: "body", op, fields });
    } else if (op.pathParams.length === 0 && op.method === "GET") {
      attacks.push({ kind: "list", op });
    } else {
      unclassified.push(op);
    }
  }
  return { attacks, exempt, unclassified };
}

/** Public operations: no credential needed, by design. Everything else under /api/v2 needs one. */
export const PUBLIC_OPERATIONS: Record<string, string> = {
  "POST /api/v2/auth/login": "signs in",
  "POST /api/v2/auth/refresh": "the refresh token is the credential",
  "POST /api/v2/auth/logout": "the refresh token is the credential",
  "POST /api/v2/auth/mfa/verify": "the MFA challenge token is the credential",
  "POST /api/v2/auth/setup": "the one-time setup token is the credential",
};

/** Values for fields whose schema alone does not say what the route accepts. */
export const SAMPLE_VALUES: Record<string, unknown> = {
  password: "a long sample passphrase 7",
  scopes: ["documents:read"],
  url: "http://127.0.0.1:9/wspec-hook",
};

/** Query strings an operation needs that its OpenAPI parameters do not show (raw uploads). */
export const SAMPLE_QUERY: Record<string, string> = {
  "POST /api/v2/documents": "name=sample.txt",
};

/**
 * A minimal body the schema accepts: required fields, plus optional fields naming a resource
 * when `idFor` gives an id; ids from `idFor` by field name, a future date for date-times, an
 * example or default where the schema gives one.
 */
export function sampleBody(
  schema: JsonSchema,
  idFor: (field: string, required: boolean) => string | undefined,
  field = "",
  required = true,
): unknown {
  if (schema.anyOf?.[0]) return sampleBody(schema.anyOf[0], idFor, field, required);
  if (schema.oneOf?.[0]) return sampleBody(schema.oneOf[0], idFor, field, required);
  if (field in SAMPLE_VALUES) return SAMPLE_VALUES[field];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.format === "uuid") return idFor(field, required) ?? crypto.randomUUID();
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  if (schema.example !== undefined && !String(schema.example).includes("…")) return schema.example;
  if (schema.enum?.length) return schema.enum[schema.enum.length - 1];
  if (types.includes("object") || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      const isRequired = schema.required?.includes(name) ?? false;
      if (isRequired) out[name] = sampleBody(prop, idFor, name, true);
      else if (RESOURCE_BY_FIELD[name] !== undefined && idFor(name, false) !== undefined)
        out[name] = sampleBody(prop, idFor, name, false);
      // An optional list the schema gives an example for (compliance frameworks): a route may
      // need one where the tenant's settings name none.
      else if (prop.type === "array" && prop.items?.example !== undefined)
        out[name] = sampleBody(prop, idFor, name, false);
    }
    // An update with nothing required still has to change something.
    const first = Object.entries(schema.properties ?? {}).find(([n]) => RESOURCE_BY_FIELD[n] === undefined);
    if (Object.keys(out).length === 0 && first) out[first[0]] = sampleBody(first[1], idFor, first[0], false);
    return out;
  }
  if (types.includes("array")) {
    const item = schema.items ? sampleBody(schema.items, idFor, field, required) : "x";
    return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
  }
  if (types.includes("integer") || types.includes("number")) return Math.max(1, schema.minimum ?? 1);
  if (types.includes("boolean")) return true;
  if (schema.format === "date-time") return new Date(Date.now() + 30 * 86_400_000).toISOString();
  if (schema.format === "email") return `sample-${crypto.randomUUID().slice(0, 8)}@example.com`;
  return "x".repeat(Math.max(1, schema.minLength ?? 1));
}

/** A concrete path: each `{param}` replaced by `values[param]`. */
export function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(v);
  });
}
