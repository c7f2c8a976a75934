// The environment of the demo's runtime and worker: the local PostgreSQL (the pool database that
// starter tenants share), Redis, tenants followed through the operator's Secrets in the local
// cluster, documents on disk under .wspec, and signing keys kept in .wspec so that sessions and
// encrypted secrets survive a restart.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { generateAccessTokenKey } from "../../runtime/auth/access-token.ts";
import { POOL_DATABASE } from "../../stacks/local/naming.ts";
import type { LocalEnv } from "../env/index.ts";

const KeysSchema = z.object({ jwtPrivateKey: z.string().min(1), secretBoxKey: z.string().min(1) });

/** Made once (mode 600) and reused: a new key each run would void every issued token. */
async function runtimeKeys(stateDir: string): Promise<z.infer<typeof KeysSchema>> {
  const file = join(stateDir, "runtime-keys.json");
  if (existsSync(file)) {
    const parsed = KeysSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) return parsed.data;
  }
  const keys = {
    jwtPrivateKey: (await generateAccessTokenKey("demo")).privateKeyPem,
    secretBoxKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

export function runtimePort(): number {
  return Number(process.env.WSPEC_RUNTIME_PORT ?? "8081");
}

/** The worker's environment; the runtime's adds HOST and PORT (`runtimeProcessEnv`). */
export async function workerEnv(env: LocalEnv): Promise<Record<string, string>> {
  const keys = await runtimeKeys(env.stateDir);
  // The admin URL with the pool database: migrateTenant swaps in each tenant's own database.
  const db = new URL(env.postgres.url);
  db.pathname = `/${POOL_DATABASE}`;
  const documents = join(env.stateDir, "documents");
  mkdirSync(documents, { recursive: true });
  return {
    DATABASE_URL: db.toString(),
    DATABASE_ADMIN_URL: db.toString(),
    MIGRATE_ON_START: "true",
    REDIS_URL: env.redis.url,
    // Integration tests enqueue into the default prefix of the same Redis; their jobs are not ours.
    QUEUE_PREFIX: "wspec-demo",
    TENANT_SECRETS_SOURCE: "kubernetes",
    KUBECONFIG: env.kubernetes.kubeconfig,
    STORAGE_KIND: "local",
    STORAGE_PATH: documents,
    // Every upload is virus-scanned by the environment's clamd (runtime/scan).
    CLAMD_ADDRESS: env.clamd.address,
    CLAMD_STREAM_MAX_BYTES: String(env.clamd.streamMaxBytes),
    AUTH_JWT_PRIVATE_KEY: keys.jwtPrivateKey,
    AUTH_SECRET_BOX_KEY: keys.secretBoxKey,
    // Local only: webhooks to a receiver on this machine over plain http.
    WEBHOOKS_ALLOW_PRIVATE: "true",
    WEBHOOKS_ALLOW_HTTP: "true",
  };
}

export async function runtimeProcessEnv(env: LocalEnv): Promise<Record<string, string>> {
  return { ...(await workerEnv(env)), HOST: "127.0.0.1", PORT: String(runtimePort()) };
}
