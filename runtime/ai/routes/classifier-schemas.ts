import { z } from "@hono/zod-openapi";

export const LabelScoreSchema = z.object({
  label: z.string(),
  support: z.number().int(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
});

export const TrainingReportSchema = z
  .object({
    accuracy: z.number().openapi({ description: "k-fold cross-validation accuracy, 0-1" }),
    per_label: z.array(LabelScoreSchema),
    examples: z.number().int(),
    labels: z.array(z.string()),
    folds: z.number().int(),
    trained_at: z.string(),
  })
  .openapi("ClassifierTrainingReport");

export const TrainingRunSchema = z
  .object({
    job_id: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    error: z.string().nullable().openapi({ description: "why the training failed" }),
    accuracy: z
      .number()
      .nullable()
      .openapi({ description: "cross-validation accuracy of a succeeded training" }),
    examples: z.number().int().nullable(),
    requested_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi("ClassifierTrainingRun");

export const ClassifierStatusSchema = z
  .object({
    examples: z.record(z.string(), z.number().int()).openapi({ description: "examples per label" }),
    min_examples_per_label: z.number().int(),
    model: z.enum(["tenant", "default"]).openapi({ description: "which model classify() uses now" }),
    training: TrainingReportSchema.nullable(),
    last_training: TrainingRunSchema.nullable().openapi({
      description: "the latest background training (POST /ai/classifier/train with background: true)",
    }),
  })
  .openapi("ClassifierStatus");

/** The wire form of a training report (snake_case, no confusion matrix or internal scale). */
export function reportView(r: {
  accuracy: number;
  perLabel: z.infer<typeof LabelScoreSchema>[];
  examples: number;
  labels: string[];
  folds: number;
  trainedAt: Date | string;
}): z.infer<typeof TrainingReportSchema> {
  return {
    accuracy: r.accuracy,
    per_label: r.perLabel,
    examples: r.examples,
    labels: r.labels,
    folds: r.folds,
    trained_at: new Date(r.trainedAt).toISOString(),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The wire form of the latest background training's row. */
export function trainingRunView(r: {
  jobId: string;
  status: "queued" | "running" | "succeeded" | "failed";
  error: string | null;
  report: Record<string, unknown> | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}): z.infer<typeof TrainingRunSchema> {
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return {
    job_id: r.jobId,
    status: r.status,
    error: r.error,
    accuracy: num(r.report?.accuracy),
    examples: num(r.report?.examples),
    requested_at: r.requestedAt.toISOString(),
    started_at: iso(r.startedAt),
    finished_at: iso(r.finishedAt),
  };
}
