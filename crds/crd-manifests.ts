// Generates the CustomResourceDefinitions (crds/*.yaml) from the API package: the structure of every
// field (type, enum, bounds, pattern, default, required) from the zod schemas, its documentation
// and CEL rules from the kind's annotations (tenant-crd.ts, profile-crd.ts), the names and printer
// columns from the constants. `npm run generate:crds` writes the files; crd-manifests.test.ts fails
// when the committed YAML is not what this produces.
import { stringify } from "yaml";
import { type ZodType, z } from "zod";

export type SchemaNode = { [key: string]: unknown };

/** What the API server needs beside the schemas to serve a kind. */
export interface CrdDefinition {
  readonly file: string;
  readonly header: string;
  readonly group: string;
  readonly version: string;
  readonly scope: "Namespaced" | "Cluster";
  readonly names: { kind: string; plural: string; singular: string; shortNames: readonly string[] };
  readonly printerColumns: readonly { name: string; type: string; jsonPath: string }[];
  readonly spec: ZodType;
  readonly status: ZodType;
  /**
   * Per field path ("" for the object, "spec.tier", "spec.admins[]", "status.conditions[].type"):
   * the keys the zod schema cannot say (descriptions, CEL rules, list types). A key set to null is
   * removed from what zod produced.
   */
  readonly annotations: Readonly<Record<string, SchemaNode>>;
}

// The keywords a structural CRD schema takes from JSON Schema; everything else zod emits
// ($schema, additionalProperties: false, ids) has no place in a CRD.
const KEYWORDS = new Set([
  "type",
  "format",
  "enum",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "default",
  "required",
  "properties",
  "items",
  "additionalProperties",
]);
// zod's bounds for z.int() are the safe-integer range: the API server's int64 already holds them.
const isSafeBound = (n: unknown) => typeof n === "number" && Math.abs(n) >= Number.MAX_SAFE_INTEGER;
// Key order in the YAML: what a reader looks for first.
const ORDER = ["type", "format", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern"];

/** zod's JSON Schema of `schema` as a structural CRD schema, with the annotations merged in. */
export function structuralSchema(
  schema: ZodType,
  annotations: CrdDefinition["annotations"],
  at: string,
): SchemaNode {
  return annotate(clean(z.toJSONSchema(schema, { io: "input" }) as SchemaNode), annotations, at);
}

function clean(node: SchemaNode): SchemaNode {
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEYWORDS.has(key)) continue;
    if ((key === "minimum" || key === "maximum") && isSafeBound(value)) continue;
    if (key === "additionalProperties" && (value === false || value === true)) continue;
    // A format (email, date-time) is the API server's check; zod adds its own regex for it.
    if (key === "pattern" && node.format !== undefined) continue;
    if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, SchemaNode>).map(([k, v]) => [k, clean(v)]),
      );
    } else if (key === "items" || key === "additionalProperties") out[key] = clean(value as SchemaNode);
    // RegExp sources escape '/', which a CRD pattern need not.
    else if (key === "pattern") out.pattern = String(value).replaceAll("\\/", "/");
    else out[key] = value;
  }
  return out;
}

function annotate(node: SchemaNode, annotations: CrdDefinition["annotations"], at: string): SchemaNode {
  const merged: SchemaNode = { ...node };
  for (const [key, value] of Object.entries(annotations[at] ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  if (merged.properties) {
    merged.properties = Object.fromEntries(
      Object.entries(merged.properties as Record<string, SchemaNode>).map(([k, v]) => [
        k,
        annotate(v, annotations, at ? `${at}.${k}` : k),
      ]),
    );
  }
  if (merged.items) merged.items = annotate(merged.items as SchemaNode, annotations, `${at}[]`);
  if (merged.additionalProperties)
    merged.additionalProperties = annotate(merged.additionalProperties as SchemaNode, annotations, `${at}{}`);
  return ordered(merged);
}

function ordered(node: SchemaNode): SchemaNode {
  const rank = (k: string) => {
    const i = ORDER.indexOf(k);
    if (i >= 0) return i;
    if (k === "properties" || k === "items" || k === "additionalProperties") return 100;
    if (k.startsWith("x-kubernetes")) return 90;
    if (k === "required") return 80;
    return 50;
  };
  return Object.fromEntries(Object.entries(node).sort(([a], [b]) => rank(a) - rank(b)));
}

/** The CustomResourceDefinition object for a kind. */
export function crdManifest(def: CrdDefinition): SchemaNode {
  const root = annotate(
    {
      type: "object",
      required: ["spec"],
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: { type: "object" },
        spec: structuralSchema(def.spec, {}, "spec"),
        status: structuralSchema(def.status, {}, "status"),
      },
    },
    def.annotations,
    "",
  );
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${def.names.plural}.${def.group}` },
    spec: {
      group: def.group,
      scope: def.scope,
      names: {
        kind: def.names.kind,
        listKind: `${def.names.kind}List`,
        plural: def.names.plural,
        singular: def.names.singular,
        shortNames: [...def.names.shortNames],
        categories: ["wspec"],
      },
      versions: [
        {
          name: def.version,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: def.printerColumns.map((c) => ({ ...c })),
          schema: { openAPIV3Schema: root },
        },
      ],
    },
  };
}

/** The YAML file for a kind, exactly as committed. */
export function crdYaml(def: CrdDefinition): string {
  const comment = def.header
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n");
  return `${comment}\n${stringify(crdManifest(def), { lineWidth: 0, singleQuote: false })}`;
}
