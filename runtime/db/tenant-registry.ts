// Where each tenant's data lives: the shared pool database (starter: shared schema, RLS), its own
// schema in the pool database (professional) or its own database (enterprise). Entries come from
// the operator's per-tenant connection Secret (mounted as files, or as env with envFrom), or are
// registered directly (tests, a control-plane push).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { FRAMEWORKS, PII_MODES } from "../../crds/constants.ts";
import { DocumentRuleSchema } from "../../crds/profile-schema.ts";

export const PLACEMENTS = ["shared", "schema", "database"] as const;
export type Placement = (typeof PLACEMENTS)[number];
const TIERS = ["starter", "professional", "enterprise"] as const;

/** The placement each tier gets (DESIGN.md: enterprise silo, professional schema, starter RLS). */
export const PLACEMENT_BY_TIER = {
  starter: "shared",
  professional: "schema",
  enterprise: "database",
} as const;

export const TENANT_SLUG = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export const TenantLocationSchema = z.strictObject({
  tenantId: z.uuid(),
  slug: z.string().regex(TENANT_SLUG),
  tier: z.enum(TIERS),
  placement: z.enum(PLACEMENTS),
  database: z.strictObject({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    name: z.string().min(1),
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
    user: z.string().min(1),
    password: z.string(),
  }),
  redis: z.strictObject({ url: z.string().optional(), keyPrefix: z.string().min(1) }),
  storagePath: z.string().optional(),
  /**
   * The HMAC key of the tenant's audit chain, provisioned per tenant by the operator's stack
   * (runtime/audit): the database holds the chain, never this key. A secret, like the password.
   */
  auditKey: z.string().min(32).optional(),
  /** What the tenant's ComplianceProfile asks of its documents (the pipeline and upload checks). */
  compliance: z
    .strictObject({
      profile: z.string().min(1),
      frameworks: z.array(z.enum(FRAMEWORKS)),
      pii: z.enum(PII_MODES),
      documentRules: z.array(DocumentRuleSchema),
      /** spec.virusScan.failOpen (runtime/scan); absent: fail closed. */
      virusScanFailOpen: z.boolean().optional(),
    })
    .optional(),
});
export type TenantLocation = z.infer<typeof TenantLocationSchema>;

/** The keys of the operator's Secret (stacks/local: connectionData) that the runtime reads. */
export const SecretSchema = z.object({
  TENANT_ID: z.string().regex(TENANT_SLUG, "must be a tenant id (lowercase letters, digits, inner hyphens)"),
  TENANT_TIER: z.enum(TIERS),
  DATABASE_HOST: z.string().min(1),
  DATABASE_PORT: z.coerce.number().int().min(1).max(65535),
  DATABASE_NAME: z.string().min(1),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
  DATABASE_USER: z.string().min(1),
  DATABASE_PASSWORD: z.string().min(1),
  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().min(1),
  STORAGE_PATH: z.string().optional(),
  /** The audit chain's HMAC key for this tenant (at least 32 characters, e.g. 32 random bytes in hex). */
  AUDIT_HMAC_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** JSON {profile, frameworks, pii, documentRules} from the tenant's ComplianceProfile. */
  COMPLIANCE_POLICY: z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(TenantLocationSchema.shape.compliance.unwrap())
    .optional(),
});

/** RFC 4122 namespace for tenant ids (a fixed random uuid). */
const TENANT_NAMESPACE = "6f1f6a3e-5d2b-4c8e-9a61-3b7e2d9c4f10";

/**
 * The uuid of a tenant slug (UUID v5): the operator speaks slugs, rows carry uuids, and every
 * replica derives the same uuid without a lookup.
 */
export function tenantUuid(slug: string): string {
  const ns = Buffer.from(TENANT_NAMESPACE.replaceAll("-", ""), "hex");
  const h = createHash("sha1").update(ns).update(slug).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A location from a Secret's data; `err` names every missing or bad key. */
export function locationFromSecret(
  data: Record<string, string | undefined>,
): { val: TenantLocation; err?: undefined } | { val?: undefined; err: string } {
  const parsed = SecretSchema.safeParse(data);
  if (!parsed.success) {
    return { err: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  }
  const s = parsed.data;
  return {
    val: {
      tenantId: tenantUuid(s.TENANT_ID),
      slug: s.TENANT_ID,
      tier: s.TENANT_TIER,
      placement: PLACEMENT_BY_TIER[s.TENANT_TIER],
      database: {
        host: s.DATABASE_HOST,
        port: s.DATABASE_PORT,
        name: s.DATABASE_NAME,
        schema: s.DATABASE_SCHEMA,
        user: s.DATABASE_USER,
        password: s.DATABASE_PASSWORD,
      },
      redis: { keyPrefix: s.REDIS_KEY_PREFIX, ...(s.REDIS_URL ? { url: s.REDIS_URL } : {}) },
      ...(s.STORAGE_PATH ? { storagePath: s.STORAGE_PATH } : {}),
      ...(s.AUDIT_HMAC_KEY ? { auditKey: s.AUDIT_HMAC_KEY } : {}),
      ...(s.COMPLIANCE_POLICY ? { compliance: s.COMPLIANCE_POLICY } : {}),
    },
  };
}

export class TenantRegistry {
  readonly #byId = new Map<string, TenantLocation>();
  readonly #bySlug = new Map<string, string>();

  /** Adds or replaces a tenant (validated); returns the stored entry. */
  register(location: TenantLocation): TenantLocation {
    const val = TenantLocationSchema.parse(location);
    const existing = this.#bySlug.get(val.slug);
    if (existing && existing !== val.tenantId) {
      throw new Error(`tenant slug "${val.slug}" is already registered with id ${existing}`);
    }
    this.#byId.set(val.tenantId, val);
    this.#bySlug.set(val.slug, val.tenantId);
    return val;
  }

  get(tenantId: string): TenantLocation | undefined {
    return this.#byId.get(tenantId);
  }

  getBySlug(slug: string): TenantLocation | undefined {
    const id = this.#bySlug.get(slug);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  remove(tenantId: string): boolean {
    const loc = this.#byId.get(tenantId);
    if (!loc) return false;
    this.#byId.delete(tenantId);
    this.#bySlug.delete(loc.slug);
    return true;
  }

  list(): TenantLocation[] {
    return [...this.#byId.values()];
  }

  /**
   * Loads every sub-directory of `dir` as a mounted Secret (one file per key, as Kubernetes
   * mounts them). Returns the problems of entries it skipped, each naming the directory.
   */
  async loadSecretsDir(dir: string): Promise<{ loaded: number; errors: string[] }> {
    const errors: string[] = [];
    let loaded = 0;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith("..")) continue;
      const data: Record<string, string> = {};
      for (const key of Object.keys(SecretSchema.shape)) {
        try {
          data[key] = (await readFile(join(dir, entry.name, key), "utf8")).trim();
        } catch {
          // absent key: the schema names it if it is required
        }
      }
      const { val, err } = locationFromSecret(data);
      if (err !== undefined) {
        errors.push(`${join(dir, entry.name)}: ${err}`);
        continue;
      }
      this.register(val);
      loaded++;
    }
    return { loaded, errors };
  }
}
