// Reads .wspec/env.json, the one description of the running local environment that
// `npm run env -- up` writes. Tests, the demo and scripts take every endpoint from here.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const port = z.number().int().min(1).max(65535);
const url = z.string().url();

export const LocalEnvSchema = z.object({
  version: z.literal(1),
  root: z.string(),
  stateDir: z.string(),
  logsDir: z.string(),
  kubernetes: z.object({ kubeconfig: z.string(), server: url, version: z.string(), etcd: url }),
  postgres: z.object({
    url: url,
    host: z.string(),
    port,
    user: z.string(),
    password: z.string(),
    database: z.string(),
  }),
  redis: z.object({ url: url, host: z.string(), port, username: z.string(), password: z.string() }),
  s3: z.object({
    endpoint: url,
    region: z.string(),
    accessKeyId: z.string(),
    secretAccessKey: z.string(),
    forcePathStyle: z.boolean(),
  }),
  azureBlob: z.object({
    endpoint: url,
    accountName: z.string(),
    accountKey: z.string(),
    connectionString: z.string(),
  }),
  gcs: z.object({ endpoint: url, projectId: z.string() }),
  /** The virus scanner (clamd, INSTREAM over loopback TCP) and its StreamMaxLength in bytes. */
  clamd: z.object({
    host: z.string(),
    port,
    address: z.string().startsWith("tcp://"),
    streamMaxBytes: z.number().int().min(1),
  }),
  /** Mailpit (SMTP and its API) once set-up has built it; absent in an env.json from before it. */
  mailpit: z.object({ installed: z.boolean(), smtpHost: z.string(), smtpPort: port, api: url }).optional(),
  pulumi: z.object({
    bin: z.string(),
    binDir: z.string(),
    version: z.string(),
    backendUrl: z.string().startsWith("file://"),
    home: z.string(),
    passphrase: z.string(),
  }),
});
export type LocalEnv = z.infer<typeof LocalEnvSchema>;

export function envJsonPath(stateDir = process.env.WSPEC_STATE_DIR ?? join(repoRoot, ".wspec")): string {
  return join(stateDir, "env.json");
}

/** Loads and validates env.json; the error says how to bring the environment up. */
export async function loadLocalEnv(path = envJsonPath()): Promise<LocalEnv> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new Error(`${path} not found: the local environment is not up; run 'npm run env -- up'`);
  }
  const parsed = LocalEnvSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${path} is not a valid wspec environment (${issues}); run 'npm run env -- up' again`);
  }
  return parsed.data;
}

/** The Pulumi engine configuration of the local environment (operator/pulumi/engine.ts shape). */
export function localPulumiEngine(env: LocalEnv) {
  return {
    bin: env.pulumi.bin,
    binDir: env.pulumi.binDir,
    backendUrl: env.pulumi.backendUrl,
    home: env.pulumi.home,
    passphrase: env.pulumi.passphrase,
    workRoot: join(env.stateDir, "pulumi-work"),
  };
}
