// The local target's configuration: the file named by WSPEC_ENV_FILE (by default
// .wspec/env.json in the working directory, which `npm run env -- up` writes). It describes the
// services a local tenant is provisioned into and the Pulumi engine that provisions it. The
// operator reads it as configuration, like a cloud target's settings, and validates only what it
// uses: the developer environment's scripts are not part of the operator.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const LocalTargetFileSchema = z.object({
  stateDir: z.string().min(1),
  kubernetes: z.object({ kubeconfig: z.string().min(1) }),
  postgres: z.object({ url: z.url() }),
  redis: z.object({ url: z.url() }),
  pulumi: z.object({
    bin: z.string().min(1),
    binDir: z.string().min(1),
    backendUrl: z.string().min(1),
    home: z.string().min(1),
    passphrase: z.string().min(1),
  }),
});
export type LocalTargetFile = z.infer<typeof LocalTargetFileSchema>;

export const defaultLocalTargetFile = (cwd = process.cwd()) => join(cwd, ".wspec", "env.json");

/**
 * The local target named by `configured` (WSPEC_ENV_FILE), else the default file when it exists;
 * undefined without either (a cluster deployment with cloud targets only). A configured file that
 * is missing or malformed is an error naming the file and what is wrong.
 */
export function readLocalTarget(configured: string | undefined): LocalTargetFile | undefined {
  const file = configured ?? defaultLocalTargetFile();
  if (!existsSync(file)) {
    if (configured) throw new Error(`WSPEC_ENV_FILE=${configured}: no such file`);
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = LocalTargetFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${file} is not a wspec local target file (${issues}); run 'npm run env -- up'`);
  }
  return parsed.data;
}

/** The Pulumi engine of the local target (operator/pulumi/engine.ts shape). */
export function localTargetEngine(target: LocalTargetFile) {
  return { ...target.pulumi, workRoot: join(target.stateDir, "pulumi-work") };
}
