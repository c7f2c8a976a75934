// The CRDs (crds/*.yaml) are generated from the zod schemas plus annotations (crd-manifests.ts);
// this test reads the committed YAML back and compares it with the zod schemas field by field, so a
// generator bug that drops or bends a constraint cannot pass unnoticed.
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { type ZodType, z } from "zod";
import {
  CLOUD_REGION,
  ComplianceProfileSpecSchema,
  ComplianceProfileStatusSchema,
  GROUP,
  PROFILE_KIND,
  PROFILE_PLURAL,
  PROFILE_SHORT_NAMES,
  PROFILE_SINGULAR,
  profileRuleMessages,
  TENANT_KIND,
  TENANT_PLURAL,
  TENANT_SHORT_NAMES,
  TENANT_SINGULAR,
  TenantSpecSchema,
  TenantStatusSchema,
  tenantRuleMessages,
  VERSION,
} from "./index.ts";
import { crdsDir, loadManifests, type Manifest } from "./manifests.ts";

type Schema = {
  type?: string;
  enum?: unknown[];
  required?: string[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  "x-kubernetes-validations"?: { rule: string; message?: string; messageExpression?: string }[];
};

const KEYWORDS = [
  "type",
  "enum",
  "format",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
] as const;
const safeBound = (n: unknown) => typeof n === "number" && Math.abs(n) >= Number.MAX_SAFE_INTEGER;

/** Every difference between a CRD schema and a zod schema's JSON Schema, as readable lines. */
function differences(crd: Schema, zod: Schema, at: string): string[] {
  const out: string[] = [];
  for (const k of KEYWORDS) {
    const [a, b] = [crd[k], (k === "minimum" || k === "maximum") && safeBound(zod[k]) ? undefined : zod[k]];
    if (!isDeepStrictEqual(a, b))
      out.push(`${at}: ${k} is ${JSON.stringify(a)} in the CRD, ${JSON.stringify(b)} in zod`);
  }
  // zod adds its own regex to formats (email, date-time); a pattern of our own must match exactly
  // (compared as RegExp sources, which escape '/').
  const crdPattern = crd.pattern === undefined ? undefined : new RegExp(crd.pattern).source;
  if ((crdPattern !== undefined || zod.format === undefined) && crdPattern !== zod.pattern) {
    out.push(`${at}: pattern is ${crd.pattern} in the CRD, ${zod.pattern} in zod`);
  }
  if (!isDeepStrictEqual(crd.default, zod.default)) {
    out.push(
      `${at}: default is ${JSON.stringify(crd.default)} in the CRD, ${JSON.stringify(zod.default)} in zod`,
    );
  }
  const req = (s: Schema) => [...(s.required ?? [])].sort().join(",");
  if (req(crd) !== req(zod)) out.push(`${at}: required is [${req(crd)}] in the CRD, [${req(zod)}] in zod`);
  const keys = new Set([...Object.keys(crd.properties ?? {}), ...Object.keys(zod.properties ?? {})]);
  for (const key of keys) {
    const [a, b] = [crd.properties?.[key], zod.properties?.[key]];
    if (!a || !b) out.push(`${at}.${key}: only in ${a ? "the CRD" : "zod"}`);
    else out.push(...differences(a, b, `${at}.${key}`));
  }
  if (crd.items || zod.items) {
    if (!crd.items || !zod.items) out.push(`${at}[]: items only in ${crd.items ? "the CRD" : "zod"}`);
    else out.push(...differences(crd.items, zod.items, `${at}[]`));
  }
  return out;
}

const jsonSchema = (s: ZodType) => z.toJSONSchema(s, { io: "input" }) as Schema;

type Crd = Manifest & {
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; singular: string; shortNames: string[] };
    versions: {
      name: string;
      subresources?: { status?: object };
      additionalPrinterColumns: { name: string; type: string; jsonPath: string }[];
      schema: { openAPIV3Schema: Schema & { properties: { spec: Schema; status: Schema } } };
    }[];
  };
};

let tenantCrd: Crd;
let profileCrd: Crd;
beforeAll(async () => {
  const only = async (file: string) => {
    const docs = await loadManifests(join(crdsDir, file));
    expect(docs).toHaveLength(1);
    return docs[0] as Crd;
  };
  tenantCrd = await only("tenant.yaml");
  profileCrd = await only("complianceprofile.yaml");
});
const version = (crd: Crd) => {
  expect(crd.spec.versions.map((v) => v.name)).toEqual([VERSION]);
  return crd.spec.versions[0] as Crd["spec"]["versions"][number];
};
const schemaOf = (crd: Crd) => version(crd).schema.openAPIV3Schema.properties;

describe("crds/tenant.yaml", () => {
  it("has the names, scope and status subresource of the TypeScript constants", () => {
    expect(tenantCrd.metadata?.name).toBe(`${TENANT_PLURAL}.${GROUP}`);
    expect(tenantCrd.spec).toMatchObject({
      group: GROUP,
      scope: "Namespaced",
      names: {
        kind: TENANT_KIND,
        plural: TENANT_PLURAL,
        singular: TENANT_SINGULAR,
        shortNames: [...TENANT_SHORT_NAMES],
      },
    });
    expect(version(tenantCrd).subresources).toEqual({ status: {} });
  });

  it("prints TIER, CLOUD, REGION, PHASE, READY and AGE", () => {
    expect(version(tenantCrd).additionalPrinterColumns.map((c) => [c.name, c.jsonPath])).toEqual([
      ["TIER", ".spec.tier"],
      ["CLOUD", ".spec.cloud"],
      ["REGION", ".spec.region"],
      ["PHASE", ".status.phase"],
      ["READY", '.status.conditions[?(@.type=="Ready")].status'],
      ["AGE", ".metadata.creationTimestamp"],
    ]);
  });

  it("has the spec and status schema of the zod schemas (enums, required, patterns, bounds, defaults)", () => {
    expect(differences(schemaOf(tenantCrd).spec, jsonSchema(TenantSpecSchema), "spec")).toEqual([]);
    expect(differences(schemaOf(tenantCrd).status, jsonSchema(TenantStatusSchema), "status")).toEqual([]);
  });

  it("carries the CEL rules of the zod refinements, with the same messages", () => {
    const spec = schemaOf(tenantCrd).spec;
    const field = (name: string) => spec.properties?.[name]?.["x-kubernetes-validations"];
    expect(field("tier")).toEqual([{ rule: "self == oldSelf", message: tenantRuleMessages.tierImmutable }]);
    expect(field("cloud")).toEqual([{ rule: "self == oldSelf", message: tenantRuleMessages.cloudImmutable }]);
    expect(field("region")).toEqual([
      { rule: "self == oldSelf", message: tenantRuleMessages.regionImmutable },
    ]);
    const [required, shape] = spec["x-kubernetes-validations"] ?? [];
    expect(required?.messageExpression).toBe(
      `'spec.region is required when spec.cloud is "' + self.cloud + '"'`,
    );
    for (const [cloud, { pattern, example }] of Object.entries(CLOUD_REGION)) {
      expect(shape?.rule).toContain(`(self.cloud == '${cloud}' && self.region.matches('${pattern}'))`);
      expect(shape?.messageExpression).toContain(`'${example}'`);
    }
  });
});

describe("crds/complianceprofile.yaml", () => {
  it("has the names, scope and status subresource of the TypeScript constants", () => {
    expect(profileCrd.metadata?.name).toBe(`${PROFILE_PLURAL}.${GROUP}`);
    expect(profileCrd.spec).toMatchObject({
      group: GROUP,
      scope: "Cluster",
      names: {
        kind: PROFILE_KIND,
        plural: PROFILE_PLURAL,
        singular: PROFILE_SINGULAR,
        shortNames: [...PROFILE_SHORT_NAMES],
      },
    });
    expect(version(profileCrd).subresources).toEqual({ status: {} });
  });

  it("prints FRAMEWORKS, PII and AGE", () => {
    expect(version(profileCrd).additionalPrinterColumns.map((c) => [c.name, c.jsonPath])).toEqual([
      ["FRAMEWORKS", ".spec.frameworks"],
      ["PII", ".spec.pii"],
      ["AGE", ".metadata.creationTimestamp"],
    ]);
  });

  it("has the spec and status schema of the zod schemas", () => {
    expect(differences(schemaOf(profileCrd).spec, jsonSchema(ComplianceProfileSpecSchema), "spec")).toEqual(
      [],
    );
    expect(
      differences(schemaOf(profileCrd).status, jsonSchema(ComplianceProfileStatusSchema), "status"),
    ).toEqual([]);
  });

  it("carries the CEL rules of the zod refinements, with the same messages", () => {
    const spec = schemaOf(profileCrd).spec;
    expect(spec.properties?.allowedRegions?.["x-kubernetes-validations"]).toEqual([
      {
        rule: "has(self.aws) || has(self.azure) || has(self.gcp) || has(self.local)",
        message: profileRuleMessages.noCloud,
      },
    ]);
    const [rule] = spec["x-kubernetes-validations"] ?? [];
    expect(rule?.messageExpression).toBe(
      `'${profileRuleMessages.keysRequired("")}' + (self.frameworks.exists(f, f == 'HIPAA') ? 'HIPAA' : 'PCI-DSS')`,
    );
  });
});

describe("differences", () => {
  it("reports a changed enum, a missing field and a changed default", () => {
    const crd: Schema = {
      type: "object",
      required: ["a"],
      properties: { a: { type: "string", enum: ["x", "y"] }, b: { type: "integer", default: 2 } },
    };
    const zod = jsonSchema(z.object({ a: z.enum(["x"]), b: z.int().default(3), c: z.string().optional() }));
    expect(differences(crd, zod, "spec")).toEqual([
      'spec.a: enum is ["x","y"] in the CRD, ["x"] in zod',
      "spec.b: default is 2 in the CRD, 3 in zod",
      "spec.c: only in zod",
    ]);
  });
});
