// Where per-tenant training examples and models live. The runtime implements this on PostgreSQL
// (see README); the in-memory store serves tests and single-process tools.
import type { SerializedModel } from "./model.ts";
import type { TrainingReport } from "./train.ts";

export interface LabeledText {
  label: string;
  text: string;
}

/** An example as added: where it came from is kept for the audit trail, not used for training. */
export interface NewExample extends LabeledText {
  documentId?: string;
  createdBy?: string;
}

export interface StoredModel {
  model: SerializedModel;
  report: TrainingReport;
  trainedAt: Date;
}

export interface ClassifierStore {
  addExample(tenantId: string, example: NewExample): Promise<void>;
  loadExamples(tenantId: string): Promise<LabeledText[]>;
  saveModel(tenantId: string, stored: StoredModel): Promise<void>;
  loadModel(tenantId: string): Promise<StoredModel | undefined>;
}

export class MemoryClassifierStore implements ClassifierStore {
  private readonly examples = new Map<string, LabeledText[]>();
  private readonly models = new Map<string, StoredModel>();

  async addExample(tenantId: string, example: NewExample): Promise<void> {
    this.examples.set(tenantId, [
      ...(this.examples.get(tenantId) ?? []),
      { label: example.label, text: example.text },
    ]);
  }

  async loadExamples(tenantId: string): Promise<LabeledText[]> {
    return (this.examples.get(tenantId) ?? []).map((e) => ({ ...e }));
  }

  async saveModel(tenantId: string, stored: StoredModel): Promise<void> {
    // A deep copy, as a database would hold: later changes to the caller's object do not leak in.
    this.models.set(tenantId, structuredClone(stored));
  }

  async loadModel(tenantId: string): Promise<StoredModel | undefined> {
    const stored = this.models.get(tenantId);
    return stored && structuredClone(stored);
  }
}
