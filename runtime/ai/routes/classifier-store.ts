// The classify helper's ClassifierStore on PostgreSQL: examples and the trained model are rows of
// the tenant's own (forced RLS) tables, so every worker and API process sees the same model.
import { asc } from "drizzle-orm";
import type { TenantTx } from "../../db/index.ts";
import { classifierExamples, classifierModels } from "../../db/schema/index.ts";
import type { ClassifierStore, LabeledText, NewExample, StoredModel } from "../classify/index.ts";

export interface TenantScopedDatabases {
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
}

export class PostgresClassifierStore implements ClassifierStore {
  private readonly databases: TenantScopedDatabases;

  constructor(databases: TenantScopedDatabases) {
    this.databases = databases;
  }

  addExample(tenantId: string, example: NewExample): Promise<void> {
    return this.databases.withTenant(tenantId, (tx) => insertExample(tx, tenantId, example));
  }

  loadExamples(tenantId: string): Promise<LabeledText[]> {
    return this.databases.withTenant(tenantId, (tx) =>
      tx
        .select({ label: classifierExamples.label, text: classifierExamples.text })
        .from(classifierExamples)
        // A stable order, so cross-validation folds (seeded) are repeatable.
        .orderBy(asc(classifierExamples.createdAt), asc(classifierExamples.id)),
    );
  }

  async saveModel(tenantId: string, stored: StoredModel): Promise<void> {
    const values = {
      model: stored.model as unknown as Record<string, unknown>,
      report: stored.report as unknown as Record<string, unknown>,
      trainedAt: stored.trainedAt,
    };
    await this.databases.withTenant(tenantId, (tx) =>
      tx
        .insert(classifierModels)
        .values({ tenantId, ...values })
        .onConflictDoUpdate({ target: classifierModels.tenantId, set: values }),
    );
  }

  async loadModel(tenantId: string): Promise<StoredModel | undefined> {
    const [row] = await this.databases.withTenant(tenantId, (tx) => tx.select().from(classifierModels));
    if (!row) return undefined;
    return {
      model: row.model as unknown as StoredModel["model"],
      report: row.report as unknown as StoredModel["report"],
      trainedAt: row.trainedAt,
    };
  }
}

/** Inserts one example inside a caller's transaction (the route audits in the same one). */
export async function insertExample(tx: TenantTx, tenantId: string, example: NewExample): Promise<void> {
  await tx.insert(classifierExamples).values({
    tenantId,
    label: example.label,
    text: example.text,
    documentId: example.documentId ?? null,
    createdBy: example.createdBy ?? null,
  });
}
