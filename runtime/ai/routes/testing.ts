// Test support (imported by *.int.test.ts only): the document harness (fresh database, two
// tenants, a user of every role, real storage) with the AI and compliance routes registered over
// a TenantClassifier on PostgreSQL, plus helpers to upload, to call and to count rows.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Framework } from "../../compliance/engine/index.ts";
import { registerComplianceRoutes } from "../../compliance/routes/index.ts";
import { type Caller, type DocumentHarness, documentHarness } from "../../documents/testing/index.ts";
import type { TenantPolicy } from "../../pipeline/handlers/deps.ts";
import { TenantClassifier } from "../classify/index.ts";
import type { TranslationProvider } from "../translate/index.ts";
import { PostgresClassifierStore, type TenantScopedDatabases } from "./classifier-store.ts";
import type { AiRouteDeps } from "./deps.ts";
import { registerAiRoutes } from "./index.ts";

export interface ErrorBody {
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

export interface AiHarness extends DocumentHarness {
  policies: Map<string, TenantPolicy>;
  json<T>(
    method: string,
    path: string,
    who: Caller | undefined,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** Uploads a text document (a unique reference line appended: equal bytes would be a duplicate); returns its id. */
  upload(who: Caller, text: string, opts?: { type?: string; name?: string; tags?: string }): Promise<string>;
  /** Rows in a table, all tenants (as the database admin). */
  count(table: string): Promise<number>;
}

export async function aiHarness(
  opts: {
    translation?: TranslationProvider;
    redactionKey?: string;
    frameworks?: Framework[];
    /** Background training over the harness's databases (see runtime/ai/training). */
    training?: (databases: TenantScopedDatabases) => NonNullable<AiRouteDeps["training"]>;
    retrainEvery?: number;
  } = {},
): Promise<AiHarness> {
  const policies = new Map<string, TenantPolicy>();
  const h = await documentHarness({
    routes: (deps) => {
      const ai: AiRouteDeps = {
        databases: deps.databases,
        storage: deps.driver,
        classifier: new TenantClassifier({ store: new PostgresClassifierStore(deps.databases) }),
        ...(opts.translation ? { translation: opts.translation } : {}),
        ...(opts.redactionKey ? { redactionKey: opts.redactionKey } : {}),
        ...(opts.training ? { training: opts.training(deps.databases) } : {}),
        ...(opts.retrainEvery !== undefined ? { retrainEvery: opts.retrainEvery } : {}),
      };
      const policyFor = (tenantId: string): TenantPolicy =>
        policies.get(tenantId) ?? {
          frameworks: opts.frameworks ?? ["GDPR", "PCI-DSS"],
          pii: "flag",
          documentRules: [],
        };
      return [
        registerAiRoutes(ai),
        registerComplianceRoutes({ databases: deps.databases, storage: deps.driver, policyFor }),
      ];
    },
  });
  return Object.assign(h, {
    policies,
    async json<T>(method: string, path: string, who: Caller | undefined, body?: unknown) {
      const res = await h.call(method, path, who, body === undefined ? {} : { json: body });
      return { status: res.status, body: (await res.json()) as T };
    },
    async upload(who: Caller, text: string, o: { type?: string; name?: string; tags?: string } = {}) {
      const res = await h.uploadRaw(
        who,
        Buffer.from(`${text}\nReference ${randomUUID()}\n`),
        o.type ?? "text/plain",
        {
          name: o.name ?? `${randomUUID()}.txt`,
          ...(o.tags ? { tags: o.tags } : {}),
        },
      );
      expect(res.status).toBe(201);
      return ((await res.json()) as { data: { id: string } }).data.id;
    },
    async count(table: string) {
      const [row] = await h.fx.admin<{ n: number }[]>`select count(*)::int as n from ${h.fx.admin(table)}`;
      return row?.n ?? 0;
    },
  });
}

/** Two classes of training text a classifier tells apart: six grant letters, six warranties. */
export const GRANT_LETTERS = [
  "The foundation awards a research grant of 40,000 to the laboratory for the fellowship year.",
  "This grant letter confirms funding for the community garden project and its volunteers.",
  "We are pleased to award your proposal a grant to support scholarship students in science.",
  "The grant committee approved the fellowship stipend and research funding for two years.",
  "Grant award notice: the research foundation funds the proposal with annual stipend payments.",
  "Your scholarship grant application was approved; funding covers tuition and a research stipend.",
];
export const WARRANTIES = [
  "The manufacturer warrants the dishwasher against defects in materials and workmanship for two years.",
  "Warranty claim: the compressor failed within the warranty period and will be replaced free of charge.",
  "This limited warranty covers repair or replacement of the appliance motor, not cosmetic damage.",
  "Extended warranty registration for the refrigerator: keep the receipt and serial number.",
  "The warranty does not cover damage from misuse; the manufacturer will repair defective parts.",
  "Warranty service request: the appliance was repaired under the manufacturer's warranty terms.",
];
