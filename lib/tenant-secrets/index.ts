// The Secrets the operator leaves in a tenant's namespace and the runtime follows: the contract
// between two modules that may not import each other (DESIGN.md: runtime imports none of the
// others), so it lives here and both sides read it from one place.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Written by the tenant's stack (stacks/local naming.ts CONNECTION_SECRET): what the runtime connects with. */
export const CONNECTION_SECRET = "wspec-tenant-connection";
/** Written by the operator once the tenant is Ready: its admins' one-time setup tokens, hashed. */
export const ADMIN_SETUP_SECRET = "wspec-tenant-admin-setup";
/**
 * Labels both Secrets carry (the stack labels every object of a tenant this way), so a watch can
 * select them without reading every Secret of the cluster; the name tells the two apart.
 */
export const TENANT_SECRET_LABELS = { "app.kubernetes.io/managed-by": "wspec" } as const;
export const TENANT_LABEL = "wspec.io/tenant";
export const TENANT_SECRET_SELECTOR = `app.kubernetes.io/managed-by=wspec,${TENANT_LABEL}`;

export const SETUP_TOKEN_PREFIX = "wspec_setup_";
/** A setup link is good for three days: long enough for a weekend, short enough to be worth little if leaked. */
export const SETUP_TOKEN_TTL_HOURS = 72;

const SETUP_TOKEN = /^wspec_setup_[A-Za-z0-9_-]{43}$/;

export const AdminSetupEntrySchema = z.strictObject({
  email: z.email(),
  /** SHA-256 (hex) of the clear token: the token is 256 random bits, so a fast hash is enough. */
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type AdminSetupEntry = z.infer<typeof AdminSetupEntrySchema>;

/** The keys of the admin setup Secret. */
export const AdminSetupSecretSchema = z.object({
  TENANT_ID: z.string().min(1),
  ADMINS: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON array" });
        return z.NEVER;
      }
    })
    .pipe(z.array(AdminSetupEntrySchema).min(1)),
});
export type AdminSetupSecret = z.infer<typeof AdminSetupSecretSchema>;

export function newSetupToken(): string {
  return `${SETUP_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function isSetupTokenShape(token: string): boolean {
  return SETUP_TOKEN.test(token);
}

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of a clear token with a stored hash. */
export function setupTokenMatches(token: string, tokenSha256: string): boolean {
  const a = Buffer.from(hashSetupToken(token), "hex");
  const b = Buffer.from(tokenSha256, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Secret data as the Kubernetes API returns it (base64 values) to plain strings. */
export function decodeSecretData(data: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]),
  );
}

export interface IssuedSetup {
  email: string;
  /** The clear token: shown once (operator log, console), never stored. */
  token: string;
  expiresAt: string;
}

/**
 * A new admin setup Secret for a tenant's admins: the Secret body (hashes only) and the clear
 * tokens to hand out once.
 */
export function adminSetupSecret(opts: {
  tenantId: string;
  namespace: string;
  admins: readonly string[];
  labels?: Readonly<Record<string, string>>;
  now?: Date;
  ttlHours?: number;
}): {
  body: {
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    type: "Opaque";
    stringData: Record<string, string>;
  };
  issued: IssuedSetup[];
} {
  const expiresAt = new Date(
    (opts.now ?? new Date()).getTime() + (opts.ttlHours ?? SETUP_TOKEN_TTL_HOURS) * 3_600_000,
  ).toISOString();
  const issued = opts.admins.map((email) => ({ email, token: newSetupToken(), expiresAt }));
  const entries: AdminSetupEntry[] = issued.map((i) => ({
    email: i.email,
    tokenSha256: hashSetupToken(i.token),
    expiresAt,
  }));
  return {
    body: {
      metadata: {
        name: ADMIN_SETUP_SECRET,
        namespace: opts.namespace,
        labels: { ...opts.labels, ...TENANT_SECRET_LABELS, [TENANT_LABEL]: opts.tenantId },
      },
      type: "Opaque",
      stringData: { TENANT_ID: opts.tenantId, ADMINS: JSON.stringify(entries) },
    },
    issued,
  };
}
