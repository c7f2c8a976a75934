// The operator's configuration, from the environment, validated once at start: a bad variable
// stops the process with a message naming it, the value and what is allowed.
import { z } from "zod";

const int = <F extends number | undefined>(name: string, min: number, max: number, fallback: F) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: "custom",
          message: `${name}=${JSON.stringify(v)}: must be an integer from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      return n as number | F;
    });

export const OperatorEnvSchema = z.object({
  KUBECONFIG: z.string().optional(),
  /** The local environment's env.json: the local target's services and the Pulumi engine. */
  WSPEC_ENV_FILE: z.string().optional(),
  WSPEC_OPERATOR_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "WSPEC_OPERATOR_NAMESPACE must be a DNS-1123 label")
    .default("wspec-system"),
  WSPEC_LEASE_NAME: z.string().min(1).default("wspec-operator"),
  WSPEC_WORKERS: int("WSPEC_WORKERS", 1, 64, 8),
  /** Pins the number of concurrent Pulumi operations; unset, it follows the cores and CPU pressure. */
  WSPEC_MAX_CONCURRENT_OPERATIONS: int("WSPEC_MAX_CONCURRENT_OPERATIONS", 1, 32, undefined),
  WSPEC_MAX_RETRIES: int("WSPEC_MAX_RETRIES", 1, 100, 8),
  WSPEC_DRIFT_CHECK_SECONDS: int("WSPEC_DRIFT_CHECK_SECONDS", 10, 7 * 86_400, 3_600),
  WSPEC_RESYNC_SECONDS: int("WSPEC_RESYNC_SECONDS", 5, 86_400, 300),
  WSPEC_LEASE_SECONDS: int("WSPEC_LEASE_SECONDS", 2, 600, 15),
  WSPEC_HTTP_PORT: int("WSPEC_HTTP_PORT", 0, 65_535, 8080),
  WSPEC_HTTP_HOST: z.string().default("127.0.0.1"),
  WSPEC_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  /** Reconcile only Tenants with these labels, e.g. `wspec.io/shard=a` (default: all). */
  WSPEC_TENANT_SELECTOR: z.string().optional(),
  /** Sales-ops tokens ({"tokens":[{"name","sha256"}]}); default .wspec/console-tokens.json locally. */
  WSPEC_CONSOLE_TOKENS_FILE: z.string().optional(),
  /** Where tenants created through the console live. */
  WSPEC_CONSOLE_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "WSPEC_CONSOLE_NAMESPACE must be a DNS-1123 label")
    .default("tenants"),
  /** Labels put on tenants the console creates, as k=v,k=v (e.g. the shard an operator selects). */
  /**
   * The console's session cookie is `Secure`: "true" behind a proxy that terminates TLS, "false"
   * never; unset, it is when the request arrived over TLS.
   */
  WSPEC_CONSOLE_SECURE_COOKIE: z
    .enum(["true", "false"], { error: "WSPEC_CONSOLE_SECURE_COOKIE must be true or false" })
    .optional(),
  WSPEC_CONSOLE_TENANT_LABELS: z
    .string()
    .regex(
      /^([A-Za-z0-9./_-]+=[A-Za-z0-9._-]*)(,[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*)*$/,
      "WSPEC_CONSOLE_TENANT_LABELS must be k=v,k=v",
    )
    .optional(),
  /** The runtime's base URL, for the admin setup link printed when a tenant becomes Ready. */
  WSPEC_RUNTIME_URL: z.url().optional(),
  /** How long an admin's one-time setup token is good for. */
  WSPEC_ADMIN_SETUP_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  /**
   * Where setup tokens of tenants applied with kubectl (no console requester) are left, one file
   * each, mode 0600; default .wspec/admin-setup locally, else not delivered. Never the log.
   */
  WSPEC_ADMIN_SETUP_OUTBOX: z.string().min(1).optional(),
  /** Without an env file: the Pulumi CLI (a path ending in /bin/pulumi) and the backend. */
  WSPEC_PULUMI_BIN: z.string().default("/usr/local/bin/pulumi"),
  PULUMI_BACKEND_URL: z.string().optional(),
  WSPEC_PULUMI_PROJECT: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default("wspec-tenants"),
});

export type OperatorEnv = z.output<typeof OperatorEnvSchema>;

export function readOperatorEnv(env: NodeJS.ProcessEnv = process.env): OperatorEnv {
  const parsed = OperatorEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) =>
    i.code === "custom"
      ? i.message
      : `${String(i.path[0])}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`,
  );
  throw new Error(`invalid operator configuration:\n  ${lines.join("\n  ")}`);
}
