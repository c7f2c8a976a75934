// crds/*.yaml is generated: this fails when the committed YAML is not what the TypeScript produces,
// and when an annotation names a field the schemas do not have (documentation for nothing).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CRDS } from "./crd-definitions.ts";
import {
  type CrdDefinition,
  crdManifest,
  crdYaml,
  type SchemaNode,
  structuralSchema,
} from "./crd-manifests.ts";
import { crdsDir } from "./manifests.ts";

function paths(node: SchemaNode, at: string, out: Set<string>): Set<string> {
  out.add(at);
  for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, SchemaNode>))
    paths(v, at ? `${at}.${k}` : k, out);
  if (node.items) paths(node.items as SchemaNode, `${at}[]`, out);
  if (node.additionalProperties) paths(node.additionalProperties as SchemaNode, `${at}{}`, out);
  return out;
}
const schemaOf = (def: CrdDefinition) =>
  (crdManifest(def) as { spec: { versions: { schema: { openAPIV3Schema: SchemaNode } }[] } }).spec.versions[0]
    ?.schema.openAPIV3Schema as SchemaNode;

describe.each(CRDS.map((def) => [def.file, def] as const))("crds/%s", (file, def) => {
  it("is exactly what crds/*.ts generates (run 'npm run generate:crds' after changing the API)", () => {
    expect(readFileSync(join(crdsDir, file), "utf8")).toBe(crdYaml(def));
  });

  it("has no annotation for a field the schemas do not have", () => {
    const known = paths(schemaOf(def), "", new Set());
    expect(Object.keys(def.annotations).filter((p) => !known.has(p))).toEqual([]);
  });
});

describe("structuralSchema", () => {
  it("keeps the structure zod gives, drops what a CRD cannot hold, and merges annotations", () => {
    const schema = z.object({
      email: z.email(),
      count: z.int().min(0).default(1),
      ref: z.string().regex(/^a\/b$/),
      tags: z.array(z.string()).optional(),
    });
    expect(
      structuralSchema(
        schema,
        { "": { description: "root" }, tags: { "x-kubernetes-list-type": "set" }, count: { default: null } },
        "",
      ),
    ).toEqual({
      type: "object",
      description: "root",
      required: ["email", "ref"],
      properties: {
        email: { type: "string", format: "email" },
        count: { type: "integer", minimum: 0 },
        ref: { type: "string", pattern: "^a/b$" },
        tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
      },
    });
  });
});
