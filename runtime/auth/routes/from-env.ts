// The auth wiring of the server entry (runtime/main.ts) from the environment: signing key, secret
// box key, optional pepper. Without AUTH_JWT_PRIVATE_KEY the runtime serves no auth (nothing
// changes); with it, every other variable is checked and each bad one named.
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import type { App, AppEnv } from "../../app/index.ts";
import type { TenantRegistry } from "../../db/index.ts";
import { createAccessTokenService } from "../access-token.ts";
import { ApiKeyService } from "../api-key.ts";
import { createPasswordHasher } from "../password.ts";
import { gatePasswordHashing } from "../password-gate.ts";
import { createSecretBox, SECRET_PURPOSES } from "../secret-box.ts";
import { type TenantScope, TenantsApiKeyStore } from "../stores/index.ts";
import { registerApiKeyRoutes } from "./api-keys/index.ts";
import type { AuthRouteDeps } from "./deps.ts";
import { authenticateRequests, registerAuthRoutes } from "./index.ts";
import { registerUserRoutes } from "./users/index.ts";

export const AuthEnvSchema = z.object({
  /** PKCS#8 PEM Ed25519 key that signs access tokens (`\n` escapes allowed). */
  AUTH_JWT_PRIVATE_KEY: z
    .string()
    .includes("BEGIN PRIVATE KEY", { message: "must be a PKCS#8 PEM Ed25519 private key" }),
  AUTH_JWT_KID: z.string().min(1).default("default"),
  AUTH_JWT_ISSUER: z.string().min(1).default("wspec"),
  AUTH_JWT_AUDIENCE: z.string().min(1).default("wspec-api"),
  AUTH_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  /** 32 bytes of base64: the root of the keys that seal TOTP and webhook secrets and sign page cursors (each its own, secret-box.ts). */
  AUTH_SECRET_BOX_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes of base64"),
  AUTH_PASSWORD_PEPPER: z.string().min(16).optional(),
});

export interface AuthWiring {
  middleware: MiddlewareHandler<AppEnv>;
  routes: (app: App) => void;
}

/** `val` undefined when auth is not configured; `err` names every bad variable (values hidden). */
export async function authFromEnv(
  env: Record<string, string | undefined>,
  services: {
    databases: TenantScope;
    registry: Pick<TenantRegistry, "get" | "getBySlug" | "list">;
    /** Enables POST /auth/setup (runtime/tenants follows the operator's setup Secrets). */
    setupTokens?: AuthRouteDeps["setupTokens"];
    /** Keys of each tenant's audit chain (runtime/audit tenantAuditKeys). */
    auditKey?: AuthRouteDeps["auditKey"];
  },
): Promise<{ val: AuthWiring | undefined; err?: undefined } | { val?: undefined; err: string }> {
  if (!env.AUTH_JWT_PRIVATE_KEY) return { val: undefined };
  const input = Object.fromEntries(
    Object.keys(AuthEnvSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]),
  );
  const parsed = AuthEnvSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `${name} ${env[name] ? "(set, hidden)" : "(unset)"}: ${i.message}`;
    });
    return { err: `invalid auth configuration: ${lines.join("; ")}` };
  }
  const e = parsed.data;
  const accessTokens = await createAccessTokenService({
    issuer: e.AUTH_JWT_ISSUER,
    audience: e.AUTH_JWT_AUDIENCE,
    ttlSeconds: e.AUTH_ACCESS_TTL_SECONDS,
    signingKey: { kid: e.AUTH_JWT_KID, privateKeyPem: e.AUTH_JWT_PRIVATE_KEY.replaceAll("\\n", "\n") },
  });
  const deps = {
    databases: services.databases,
    registry: services.registry,
    accessTokens,
    // Bounded: a flood of sign-ins gets 429s, not an unbounded queue of argon2 hashes.
    passwords: gatePasswordHashing(
      createPasswordHasher(e.AUTH_PASSWORD_PEPPER ? { pepper: e.AUTH_PASSWORD_PEPPER } : {}),
    ),
    secretBox: createSecretBox([{ id: "k1", key: e.AUTH_SECRET_BOX_KEY }], { purpose: SECRET_PURPOSES.totp }),
    ...(services.setupTokens ? { setupTokens: services.setupTokens } : {}),
    ...(services.auditKey ? { auditKey: services.auditKey } : {}),
  };
  const apiKeys = new ApiKeyService(
    new TenantsApiKeyStore(services.databases, () => services.registry.list().map((l) => l.tenantId), {
      tenantOf: (slug) => services.registry.getBySlug(slug)?.tenantId,
    }),
  );
  return {
    val: {
      middleware: authenticateRequests(deps, { apiKeys }),
      routes: (app) => {
        registerAuthRoutes(deps)(app);
        registerUserRoutes(deps)(app);
        registerApiKeyRoutes(deps)(app);
      },
    },
  };
}
