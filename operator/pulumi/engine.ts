// How the operator (and the tests) drive the Pulumi engine: which CLI, which backend, which
// secrets provider and which plugins. Defaults suit the local environment; the standard Pulumi
// variables (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE[_FILE], PULUMI_HOME) override them.
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type LocalWorkspaceOptions, PulumiCommand } from "@pulumi/pulumi/automation/index.js";
import { z } from "zod";

export const PulumiEngineConfigSchema = z.object({
  /** The CLI binary; must sit in a `bin/` directory (the Automation API runs `<root>/bin/pulumi`). */
  bin: z.string().regex(/\/bin\/pulumi$/, "must be a path ending in /bin/pulumi"),
  /** Put first on the engine's PATH: it finds provider and policy plugins there. */
  binDir: z.string().min(1),
  backendUrl: z
    .string()
    .regex(/^(file|s3|azblob|gs|https?):\/\//, "must be a file://, s3://, azblob://, gs:// or https:// URL"),
  home: z.string().min(1),
  passphrase: z.string().min(1).optional(),
  /** e.g. awskms://..., azurekeyvault://..., gcpkms://...; passphrase when absent. */
  secretsProvider: z.string().optional(),
  /**
   * Parent of each project's working directory (Pulumi.yaml and stack files are written there).
   * Dynamic providers resolve @pulumi/pulumi from it, so it must sit inside this repository.
   */
  workRoot: z.string().min(1),
});
export type PulumiEngineConfig = z.infer<typeof PulumiEngineConfigSchema>;

/** Applies the standard Pulumi environment variables over a base configuration. */
export function withEnvOverrides(
  base: PulumiEngineConfig,
  env: NodeJS.ProcessEnv = process.env,
): PulumiEngineConfig {
  return PulumiEngineConfigSchema.parse({
    ...base,
    ...(env.PULUMI_BACKEND_URL ? { backendUrl: env.PULUMI_BACKEND_URL } : {}),
    ...(env.PULUMI_CONFIG_PASSPHRASE ? { passphrase: env.PULUMI_CONFIG_PASSPHRASE } : {}),
    ...(env.PULUMI_HOME ? { home: env.PULUMI_HOME } : {}),
    ...(env.WSPEC_PULUMI_SECRETS_PROVIDER ? { secretsProvider: env.WSPEC_PULUMI_SECRETS_PROVIDER } : {}),
  });
}

/** The variables every engine run gets; never logged (the passphrase is among them). */
export function engineEnvVars(cfg: PulumiEngineConfig): Record<string, string> {
  const vars: Record<string, string> = {
    PULUMI_BACKEND_URL: cfg.backendUrl,
    PULUMI_HOME: cfg.home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Plugins that are scripts (dynamic providers, policy packs) run `node`: make it this Node.
    PATH: [cfg.binDir, dirname(process.execPath), process.env.PATH ?? ""].join(":"),
  };
  if (cfg.passphrase) vars.PULUMI_CONFIG_PASSPHRASE = cfg.passphrase;
  else if (!cfg.secretsProvider && process.env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    vars.PULUMI_CONFIG_PASSPHRASE_FILE = process.env.PULUMI_CONFIG_PASSPHRASE_FILE;
  }
  return vars;
}

const commands = new Map<string, Promise<PulumiCommand>>();

/** The CLI, version-checked once per binary. */
export function pulumiCommand(cfg: PulumiEngineConfig): Promise<PulumiCommand> {
  let cmd = commands.get(cfg.bin);
  if (!cmd) {
    cmd = PulumiCommand.get({ root: dirname(dirname(cfg.bin)) });
    cmd.catch(() => commands.delete(cfg.bin));
    commands.set(cfg.bin, cmd);
  }
  return cmd;
}

/** Workspace options for a project, in its own directory under `cfg.workRoot`. */
export async function workspaceOptions(
  cfg: PulumiEngineConfig,
  project: { name: string; description?: string },
): Promise<LocalWorkspaceOptions> {
  const workDir = join(cfg.workRoot, project.name);
  await mkdir(workDir, { recursive: true });
  return {
    pulumiCommand: await pulumiCommand(cfg),
    pulumiHome: cfg.home,
    envVars: engineEnvVars(cfg),
    workDir,
    secretsProvider: cfg.secretsProvider ?? "passphrase",
    projectSettings: {
      name: project.name,
      runtime: "nodejs",
      backend: { url: cfg.backendUrl },
      ...(project.description ? { description: project.description } : {}),
    },
  };
}
