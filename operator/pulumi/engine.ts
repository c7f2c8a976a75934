// How the operator (and the tests) drive the Pulumi engine: which CLI, which backend, which
// secrets provider and which plugins. Defaults suit the local environment; the standard Pulumi
// variables (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE[_FILE], PULUMI_HOME) override them.
import { randomUUID } from "node:crypto";
import { chmod, copyFile, mkdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { type LocalWorkspaceOptions, PulumiCommand } from "@pulumi/pulumi/automation/index.js";
import { z } from "zod";
import { FLUSH_COMPILE_CACHE } from "../../lib/compile-cache/index.ts";

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
    // The operator's own plugin launchers come first (see writePluginLaunchers).
    PATH: [pluginDirOf(cfg), cfg.binDir, dirname(process.execPath), process.env.PATH ?? ""].join(":"),
    // Those Node processes start on every operation and load the whole Pulumi SDK: V8's compile
    // cache on disk saves them compiling it again each time (about a third of their start-up).
    NODE_COMPILE_CACHE: join(cfg.workRoot, ".node-compile-cache"),
  };
  if (cfg.passphrase) vars.PULUMI_CONFIG_PASSPHRASE = cfg.passphrase;
  else if (!cfg.secretsProvider && process.env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    vars.PULUMI_CONFIG_PASSPHRASE_FILE = process.env.PULUMI_CONFIG_PASSPHRASE_FILE;
  }
  return vars;
}

/**
 * Where the operator's plugin launchers live, beside a link to the CLI (a dot-directory: never a
 * project's name). The Automation API puts the directory of the CLI it runs first on the PATH of
 * every operation, so the CLI is run through this link: a launcher next to the real binary (the
 * two-process one that set-up or a Pulumi release puts there) would otherwise win.
 */
export const pluginDirOf = (cfg: Pick<PulumiEngineConfig, "workRoot">) => join(cfg.workRoot, ".cli", "bin");

const shellQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
const launchers = new Map<string, Promise<void>>();

/**
 * The dynamic-provider plugin as the engine starts it. @pulumi/pulumi's own launcher is a shell
 * script that starts one Node process to find the provider and a second to run it, and stays
 * alive between them; this one execs the provider of the @pulumi/pulumi the operator itself runs
 * (the copy whose serialized providers it reads) with this Node, and writes the compile cache.
 * Written once per process, atomically.
 */
export function writePluginLaunchers(cfg: Pick<PulumiEngineConfig, "workRoot" | "bin">): Promise<void> {
  const dir = pluginDirOf(cfg);
  let pending = launchers.get(dir);
  if (!pending) {
    pending = (async () => {
      const provider = createRequire(import.meta.url).resolve("@pulumi/pulumi/cmd/dynamic-provider");
      await mkdir(dir, { recursive: true });
      await linkIfChanged(join(dir, "pulumi"), resolve(cfg.bin));
      const preload = join(dir, "flush-compile-cache.cjs");
      await writeIfChanged(preload, FLUSH_COMPILE_CACHE, 0o644);
      await writeIfChanged(
        join(dir, "pulumi-resource-pulumi-nodejs"),
        [
          "#!/bin/sh",
          "# Generated by wspec operator/pulumi/engine.ts: the dynamic-provider plugin in one process.",
          `exec ${shellQuote(process.execPath)} --require ${shellQuote(preload)} ${shellQuote(provider)} "$@"`,
          "",
        ].join("\n"),
        0o755,
      );
    })();
    pending.catch(() => launchers.delete(dir));
    launchers.set(dir, pending);
  }
  return pending;
}

async function linkIfChanged(link: string, target: string): Promise<void> {
  if ((await readlink(link).catch(() => "")) === target) return;
  const tmp = `${link}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  await symlink(target, tmp);
  await rename(tmp, link);
}

async function writeIfChanged(file: string, contents: string, mode: number): Promise<void> {
  if ((await readFile(file, "utf8").catch(() => "")) === contents) return;
  const tmp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(tmp, contents);
  await chmod(tmp, mode);
  await rename(tmp, file);
}

const commands = new Map<string, Promise<PulumiCommand>>();

/** The CLI (through its link beside the plugin launchers), version-checked once per binary. */
export function pulumiCommand(cfg: PulumiEngineConfig): Promise<PulumiCommand> {
  const key = `${cfg.bin}\0${cfg.workRoot}`;
  let cmd = commands.get(key);
  if (!cmd) {
    cmd = writePluginLaunchers(cfg).then(() => PulumiCommand.get({ root: dirname(pluginDirOf(cfg)) }));
    cmd.catch(() => commands.delete(key));
    commands.set(key, cmd);
  }
  return cmd;
}

export interface ProjectRef {
  readonly name: string;
  readonly description?: string;
}

/**
 * The working directory of a project (`<workRoot>/<project>`), or of one stack of it
 * (`<workRoot>/<project>/stacks/<stack>`). Each directory holds its Pulumi.yaml, its stacks'
 * settings files, and keys the CLI's own workspace state (PULUMI_HOME/workspaces): operations that
 * share a directory share those files.
 */
export function workDirOf(
  cfg: Pick<PulumiEngineConfig, "workRoot">,
  project: string,
  stack?: string,
): string {
  return stack ? join(cfg.workRoot, project, "stacks", stack) : join(cfg.workRoot, project);
}

/**
 * Workspace options for a project, in its own directory under `cfg.workRoot`, or, given a stack,
 * in a directory of that stack alone: the operator gives every stack its own, so that concurrent
 * operations never write a file another one reads (`pulumi stack init` rewrites the stack settings,
 * `stack select` the CLI's workspace file, and a rewritten Pulumi.yaml is empty for a moment).
 *
 * The project file is written once, atomically (a temporary file renamed over it), and only when
 * its contents change; the options carry no `projectSettings`, so the Automation API reads it
 * instead of rewriting it on every stack it selects.
 */
export async function workspaceOptions(
  cfg: PulumiEngineConfig,
  project: ProjectRef,
  stack?: string,
): Promise<LocalWorkspaceOptions> {
  const workDir = await prepareWorkDir(cfg, project, stack);
  await writePluginLaunchers(cfg);
  return {
    pulumiCommand: await pulumiCommand(cfg),
    pulumiHome: cfg.home,
    envVars: engineEnvVars(cfg),
    workDir,
    secretsProvider: cfg.secretsProvider ?? "passphrase",
  };
}

/** Creates the working directory and its Pulumi.yaml (see workspaceOptions); returns its path. */
export async function prepareWorkDir(
  cfg: Pick<PulumiEngineConfig, "workRoot" | "backendUrl">,
  project: ProjectRef,
  stack?: string,
): Promise<string> {
  const workDir = workDirOf(cfg, project.name, stack);
  await mkdir(workDir, { recursive: true });
  await writeProjectFile(workDir, {
    name: project.name,
    runtime: "nodejs",
    backend: { url: cfg.backendUrl },
    ...(project.description ? { description: project.description } : {}),
  });
  if (stack) await adoptStackSettings(workDirOf(cfg, project.name), workDir, stack);
  return workDir;
}

/** Removes a stack's own working directory (after the stack itself was removed). */
export async function removeStackWorkDir(
  cfg: Pick<PulumiEngineConfig, "workRoot">,
  project: string,
  stack: string,
): Promise<void> {
  await rm(workDirOf(cfg, project, stack), { recursive: true, force: true });
}

/** JSON is YAML: Pulumi.yaml holds the settings as one JSON object. */
async function writeProjectFile(workDir: string, settings: Record<string, unknown>): Promise<void> {
  const file = join(workDir, "Pulumi.yaml");
  const contents = `${JSON.stringify(settings, null, 2)}\n`;
  const current = await readFile(file, "utf8").catch(() => undefined);
  if (current === contents) return;
  const tmp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, file); // readers see the old file or the new one, never a partial one
}

/**
 * Stacks created before they had a directory of their own kept their settings (the passphrase's
 * salt among them) in the project's directory: the stack's directory starts from a copy.
 */
async function adoptStackSettings(projectDir: string, stackDir: string, stack: string): Promise<void> {
  const name = `Pulumi.${stack}.yaml`;
  const own = join(stackDir, name);
  if (
    await readFile(own).then(
      () => true,
      () => false,
    )
  )
    return;
  const tmp = `${own}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  try {
    await copyFile(join(projectDir, name), tmp);
  } catch {
    return; // a new stack, or one whose settings live in its state only
  }
  await rename(tmp, own);
}
