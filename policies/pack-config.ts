// What a compliance pack is built with: the profile (validated again inside the pack, which is a
// separate process fed from a file) and the tenant it guards.
import { z } from "zod";
import { CLOUDS, DELETION_POLICIES, TIERS } from "../crds/constants.ts";
import { ComplianceProfileSpecSchema } from "../crds/profile-schema.ts";
import type { RuleContext } from "./rules/types.ts";

export const CompliancePackConfigSchema = z.object({
  profileName: z.string().min(1),
  profile: ComplianceProfileSpecSchema,
  tenant: z.object({
    tier: z.enum(TIERS),
    cloud: z.enum(CLOUDS),
    region: z.string().optional(),
    deletionPolicy: z.enum(DELETION_POLICIES),
  }),
});
export type CompliancePackConfig = z.input<typeof CompliancePackConfigSchema>;

/** The rules' context from a pack configuration; throws naming every field that is wrong. */
export function packContext(raw: unknown): RuleContext {
  const parsed = CompliancePackConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join(".") || "config"}: ${i.message}`)
      .join("; ");
    throw new Error(`the compliance pack's configuration is invalid: ${problems}`);
  }
  return parsed.data;
}
