// What sales ops submit, and how it becomes a Tenant: validated by the same rules as the CRD and the
// profile preflight, with every problem named by the form field it belongs to.
import { z } from "zod";
import {
  CLOUDS,
  type ComplianceProfile,
  type Problem,
  parseComplianceProfileSpec,
  parseTenantSpec,
  type TenantSpec,
  TIERS,
} from "../../crds/index.ts";
import { preflight, profileNotFound } from "../tenant/index.ts";

export const TenantRequestSchema = z
  .object({
    company: z.string().trim().min(1, "company is required").max(100, "company is at most 100 characters"),
    plan: z.enum(TIERS, { error: `plan must be one of [${TIERS.join(", ")}]` }),
    cloud: z.enum(CLOUDS, { error: `cloud must be one of [${CLOUDS.join(", ")}]` }),
    region: z.string().trim().max(63).optional(),
    complianceProfile: z.string().trim().min(1, "complianceProfile is required"),
    adminEmail: z.string().trim().min(1, "adminEmail is required"),
  })
  .strict();
export type TenantRequest = z.infer<typeof TenantRequestSchema>;

export interface FieldProblem {
  field: keyof TenantRequest | "request";
  reason: string;
  message: string;
}

/** "Acme Insurance, Inc." → "acme-insurance-inc": the Tenant's name. */
export function tenantName(company: string): string {
  return company
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents go, letters stay: Über → uber
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
}

const FIELD_OF: Record<string, FieldProblem["field"]> = {
  "spec.displayName": "company",
  "spec.tier": "plan",
  "spec.cloud": "cloud",
  "spec.region": "region",
  "spec.complianceProfile": "complianceProfile",
  "spec.admins": "adminEmail",
  "spec.admins[0]": "adminEmail",
};
const toField = (p: Problem): FieldProblem => ({
  field: FIELD_OF[p.field] ?? "request",
  reason: p.reason,
  message: p.message,
});

export type Decision =
  | { ok: true; name: string; spec: TenantSpec }
  | { ok: false; status: 400 | 422; problems: FieldProblem[] };

/** Everything a create would be refused for, decided before anything is written. */
export function decide(
  body: unknown,
  profiles: { get(name: string): ComplianceProfile | undefined; names(): string[] },
): Decision {
  const parsed = TenantRequestSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      problems: parsed.error.issues.map((i) => ({
        field: (i.path[0] as FieldProblem["field"]) ?? "request",
        reason: i.code === "unrecognized_keys" ? "UnknownField" : "Invalid",
        message: i.code === "unrecognized_keys" ? `unknown field(s): ${i.keys.join(", ")}` : i.message,
      })),
    };
  }
  const req = parsed.data;
  const name = tenantName(req.company);
  if (!/^[a-z]/.test(name)) {
    return {
      ok: false,
      status: 422,
      problems: [
        {
          field: "company",
          reason: "InvalidName",
          message: `company "${req.company}" must start with a letter (it names the tenant)`,
        },
      ],
    };
  }
  const spec = parseTenantSpec({
    displayName: req.company,
    tier: req.plan,
    cloud: req.cloud,
    ...(req.cloud !== "local" && req.region ? { region: req.region } : {}),
    complianceProfile: req.complianceProfile,
    admins: [req.adminEmail],
  });
  if (!spec.ok) return { ok: false, status: 422, problems: spec.problems.map(toField) };
  const profile = profiles.get(req.complianceProfile);
  if (!profile)
    return {
      ok: false,
      status: 422,
      problems: [toField(profileNotFound(req.complianceProfile, profiles.names()))],
    };
  const profileSpec = parseComplianceProfileSpec(profile.spec);
  if (!profileSpec.ok) {
    return {
      ok: false,
      status: 422,
      problems: [
        {
          field: "complianceProfile",
          reason: "ProfileInvalid",
          message: `profile ${req.complianceProfile} is invalid`,
        },
      ],
    };
  }
  const problems = preflight(spec.value, profileSpec.value);
  if (problems.length > 0) return { ok: false, status: 422, problems: problems.map(toField) };
  return { ok: true, name, spec: spec.value };
}
