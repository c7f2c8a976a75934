// Follows TENANT_SECRETS_DIR (one sub-directory per mounted Secret, one file per key, as the
// kubelet mounts them) for setups without the Kubernetes API: read once at start, then again
// after every burst of changes (fs.watch, debounced), adding, updating and removing tenants.
import { type FSWatcher, watch } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { AdminSetupSecretSchema } from "../../lib/tenant-secrets/index.ts";
import { locationFromSecret, SecretSchema } from "../db/tenant-registry.ts";
import type { TenantSource } from "./kubernetes-source.ts";
import type { TenantLog, TenantSync } from "./tenant-sync.ts";

export interface DirectorySourceOptions {
  dir: string;
  sync: TenantSync;
  logger: TenantLog;
  /** Re-read after changes; false reads once. @default true */
  watch?: boolean;
  /** Quiet time after the last change before re-reading (a Secret update touches several files). */
  debounceMs?: number;
}

const KEYS = [...Object.keys(SecretSchema.shape), ...Object.keys(AdminSetupSecretSchema.shape)];
const PREFIX = "dir:";

export async function startDirectorySource(opts: DirectorySourceOptions): Promise<TenantSource> {
  const { dir, logger, debounceMs = 250 } = opts;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let running: Promise<void> = Promise.resolve();
  const rescan = () => {
    running = running.then(() =>
      scan(opts).catch((err: unknown) => logger.error({ dir, err }, "tenant Secrets directory not read")),
    );
    return running;
  };
  await rescan();
  if (opts.watch ?? true) {
    watcher = watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rescan(), debounceMs);
    });
    watcher.on("error", (err) => logger.error({ dir, err }, "tenant Secrets directory watch failed"));
    logger.info({ dir }, "watching tenant Secrets directory");
  }
  return {
    async stop() {
      clearTimeout(timer);
      watcher?.close();
      await running;
    },
  };
}

async function scan({ dir, sync, logger }: DirectorySourceOptions): Promise<void> {
  const seen = new Set<string>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // `..data` and `..2024_…` are the kubelet's atomic-update links, not Secrets.
    if (!entry.isDirectory() || entry.name.startsWith("..")) continue;
    const source = `${PREFIX}${join(dir, entry.name)}`;
    const data: Record<string, string> = {};
    for (const key of KEYS) {
      try {
        data[key] = (await readFile(join(dir, entry.name, key), "utf8")).trim();
      } catch {
        // absent key: the schema names it if it is required
      }
    }
    seen.add(source);
    if (data.ADMINS !== undefined) {
      const parsed = AdminSetupSecretSchema.safeParse(data);
      if (parsed.success) void sync.setAdmins(source, parsed.data.TENANT_ID, parsed.data.ADMINS);
      else {
        const error = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
        logger.error({ source, error }, "tenant admin setup Secret skipped");
      }
      continue;
    }
    const { val, err } = locationFromSecret(data);
    if (err !== undefined) logger.error({ source, error: err }, "tenant Secret skipped");
    else void sync.upsert(source, val);
  }
  for (const source of sync.sources(PREFIX)) if (!seen.has(source)) void sync.remove(source);
  for (const source of sync.adminSources(PREFIX)) if (!seen.has(source)) void sync.removeAdmins(source);
  await sync.idle();
}
