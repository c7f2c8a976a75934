// metav1.Condition, shared by both kinds' status.
import { z } from "zod";
import { CONDITION_REASON, CONDITION_STATUSES } from "./constants.ts";

export const ConditionSchema = z.object({
  type: z.string().min(1).max(316),
  status: z.enum(CONDITION_STATUSES),
  observedGeneration: z.int().min(0).optional(),
  lastTransitionTime: z.iso.datetime({ offset: true }),
  reason: z.string().min(1).max(1024).regex(new RegExp(CONDITION_REASON), "a PascalCase reason"),
  message: z.string().max(32768),
});
export type Condition = z.infer<typeof ConditionSchema>;
