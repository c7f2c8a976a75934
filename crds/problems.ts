// Turns zod issues into Problems whose messages name the field, the value received and what is
// allowed (`spec.tier "gold" not in [enterprise, professional, starter]`), for status conditions,
// Events and the console alike.
import { type ZodType, z } from "zod";

export interface Problem {
  /** Dotted path from the object root: `spec.admins[1]`. */
  field: string;
  /** PascalCase, usable as a condition or Event reason. */
  reason: string;
  message: string;
}

/** A cross-field rule's finding, before it is given a root (`spec`). */
export interface RuleIssue {
  path: (string | number)[];
  reason: string;
  message: string;
}

/** Reports rule findings as zod issues, for schemas that embed the rules (superRefine). */
export function addRuleIssues(ctx: z.core.$RefinementCtx, issues: readonly RuleIssue[]): void {
  for (const { path, reason, message } of issues) {
    ctx.addIssue({ code: "custom", path, message, params: { reason } });
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
};

// zod's safe-integer bounds mean "no bound given".
const unbounded = (n: number | undefined) => n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER;

export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : `${acc}.${String(seg)}`),
    root,
  );
}

/** A value as it appears in a message: strings quoted, long values cut. */
export function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function schemaAt(schema: JsonSchema | undefined, path: readonly PropertyKey[]): JsonSchema | undefined {
  let s = schema;
  for (const seg of path) s = typeof seg === "number" ? s?.items : s?.properties?.[String(seg)];
  return s;
}

const typeNames: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
};

function rangeText(min: number | undefined, max: number | undefined): string {
  if (!unbounded(min) && !unbounded(max)) return `must be between ${min} and ${max}`;
  return unbounded(max) ? `must be at least ${min}` : `must be at most ${max}`;
}

function toProblem(issue: z.core.$ZodIssue, root: string, raw: unknown, json: JsonSchema): Problem {
  const field = fieldPath(root, issue.path);
  const value = valueAt(raw, issue.path);
  if (issue.code === "custom") {
    const reason = (issue.params as { reason?: string } | undefined)?.reason ?? "Invalid";
    return { field, reason, message: issue.message };
  }
  if (value === undefined) {
    const allowed = issue.code === "invalid_value" ? `: one of [${issue.values.join(", ")}]` : "";
    return { field, reason: "Required", message: `${field} is required${allowed}` };
  }
  switch (issue.code) {
    case "invalid_value":
      return {
        field,
        reason: "UnsupportedValue",
        message: `${field} ${show(value)} not in [${issue.values.map(String).join(", ")}]`,
      };
    case "invalid_type": {
      // zod reports a string sent to an integer field as "expected number".
      const integer = issue.expected === "number" && schemaAt(json, issue.path)?.type === "integer";
      const expected = integer ? "int" : issue.expected;
      return {
        field,
        reason: "InvalidType",
        message: `${field} ${show(value)} is not ${typeNames[expected] ?? expected}`,
      };
    }
    case "invalid_format":
      return { field, reason: "InvalidFormat", message: `${field} ${show(value)} is not ${issue.message}` };
    case "too_small":
    case "too_big": {
      const bounds = schemaAt(json, issue.path) ?? {};
      if (Array.isArray(value)) {
        const need =
          issue.code === "too_small"
            ? `at least ${issue.minimum} required`
            : `at most ${issue.maximum} allowed`;
        return {
          field,
          reason: issue.code === "too_small" ? "TooFew" : "TooMany",
          message: `${field} has ${value.length} item(s): ${need}`,
        };
      }
      if (typeof value === "string") {
        const need =
          issue.code === "too_small"
            ? `at least ${issue.minimum} required`
            : `at most ${issue.maximum} allowed`;
        return {
          field,
          reason: issue.code === "too_small" ? "TooShort" : "TooLong",
          message: `${field} ${show(value)} has ${value.length} character(s): ${need}`,
        };
      }
      const min = bounds.minimum ?? (issue.code === "too_small" ? Number(issue.minimum) : undefined);
      const max = bounds.maximum ?? (issue.code === "too_big" ? Number(issue.maximum) : undefined);
      return {
        field,
        reason: "OutOfRange",
        message: `${field} ${show(value)} out of range: ${rangeText(min, max)}`,
      };
    }
    default:
      return { field, reason: "Invalid", message: `${field} ${show(value)}: ${issue.message}` };
  }
}

const jsonSchemas = new WeakMap<ZodType, JsonSchema>();

/**
 * safeParse with Problems instead of zod issues; `root` prefixes every field (`spec`). `rules` are
 * the schema's cross-field rules run again on the raw input: zod skips refinements after some
 * field failures (a non-integer number, for one), while the API server reports CEL rules along
 * with everything else.
 */
export function parseWith<S extends ZodType>(
  schema: S,
  raw: unknown,
  root: string,
  rules: (raw: unknown) => RuleIssue[] = () => [],
): ParseResult<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  let json = jsonSchemas.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    jsonSchemas.set(schema, json);
  }
  const problems = parsed.error.issues.map((i) => toProblem(i, root, raw, json));
  for (const r of rules(raw)) {
    const field = fieldPath(root, r.path);
    if (!problems.some((p) => p.field === field && p.message === r.message)) {
      problems.push({ field, reason: r.reason, message: r.message });
    }
  }
  return { ok: false, problems };
}

/** One line for a condition message or an Event: every problem, in order. */
export function summarize(problems: readonly Problem[]): string {
  return problems.map((p) => p.message).join("; ");
}
