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

export const ClassifierStatusSchema = z
  .object({
    examples: z.record(z.string(), z.number().int()).openapi({ description: "examples per label" }),
    min_examples_per_label: z.number().int(),
    model: z.enum(["tenant", "default"]).openapi({ description: "which model classify() uses now" }),
    training: TrainingReportSchema.nullable(),
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
